import { connect, createServer } from "node:net";

/** A TCP port nobody listens on now. */
export const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** Waits until something accepts TCP connections on 127.0.0.1:`port`, or throws after `timeoutMs`. */
export const waitForTcp = async (port: number, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const isOpen = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: "127.0.0.1", port }, () => resolve(socket.end() !== undefined));
      socket.on("error", () => resolve(false));
    });
    if (isOpen) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`);
};
