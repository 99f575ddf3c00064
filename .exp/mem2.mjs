const rss = () => Math.round(process.memoryUsage().rss / 1048576);
console.log("bare node", rss());
