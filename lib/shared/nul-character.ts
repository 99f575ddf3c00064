type TTrail = Readonly<{ key: string; parent: TTrail | null }> | null;

const pathOf = (trail: TTrail): string => {
  const keys: string[] = [];
  for (let t = trail; t; t = t.parent) keys.push(t.key.replaceAll("\u0000", "\\u0000"));
  return keys.reverse().join(".") || "(root)";
};

/**
 * Where a value holds U+0000 (in a string or an object key), as a dotted path ("(root)" for the value
 * itself), else null. PostgreSQL text cannot store NUL, so with-route refuses such input with a 400
 * instead of failing later in the database. Iterative and linear: deeply nested JSON is cheap and cannot
 * overflow the stack.
 */
export const findNulCharacter = (value: unknown): string | null => {
  const stack: [unknown, TTrail][] = [[value, null]];
  while (stack.length > 0) {
    const [current, trail] = stack.pop() as [unknown, TTrail];
    if (typeof current === "string") {
      if (current.includes("\u0000")) return pathOf(trail);
    } else if (Array.isArray(current)) {
      current.forEach((item, i) => stack.push([item, { key: String(i), parent: trail }]));
    } else if (current !== null && typeof current === "object") {
      for (const [key, item] of Object.entries(current)) {
        const child = { key, parent: trail };
        if (key.includes("\u0000")) return pathOf(child);
        stack.push([item, child]);
      }
    }
  }
  return null;
};
