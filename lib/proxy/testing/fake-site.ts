// A small upstream for the proxy's integration tests: answers like a simulated Atlassian site (by Host header),
// with absolute URLs in HTML and JS, a sign-in cookie with a Domain, a redirect to the media host, and big ranged files.
import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export const BIG_SIZE = 24 * 1024 * 1024;

/** Deterministic bytes of a file: byte i is a mix of i, so any misplaced or missing chunk changes the hash. */
export const bytesAt = (start: number, end: number): Buffer => {
  const out = Buffer.alloc(end - start);
  for (let i = start; i < end; i++) out[i - start] = (i * 31 + (i >> 8)) & 0xff;
  return out;
};

export const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

const sendFile = (req: http.IncomingMessage, res: http.ServerResponse, name: string) => {
  const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? "");
  const start = range ? Number(range[1]) : 0;
  const end = range?.[2] ? Number(range[2]) + 1 : BIG_SIZE;
  if (start >= BIG_SIZE || end > BIG_SIZE || start >= end) {
    res.writeHead(416, { "content-range": `bytes */${BIG_SIZE}` });
    return res.end();
  }
  res.writeHead(range ? 206 : 200, {
    "content-type": "application/octet-stream",
    "content-disposition": `attachment; filename="${name}"`,
    "content-length": end - start,
    "accept-ranges": "bytes",
    ...(range ? { "content-range": `bytes ${start}-${end - 1}/${BIG_SIZE}` } : {}),
  });
  // Streamed in 64 KB pieces with backpressure, like the simulator's files.
  let at = start;
  const pump = () => {
    while (at < end) {
      const next = Math.min(end, at + 65_536);
      const ok = res.write(bytesAt(at, next));
      at = next;
      if (!ok) return void res.once("drain", pump);
    }
    res.end();
  };
  pump();
};

export type TFakeSite = Readonly<{ port: number; seen: { mediaQuery: string | null }; close: () => Promise<void> }>;

export const startFakeSite = async (): Promise<TFakeSite> => {
  const seen: { mediaQuery: string | null } = { mediaQuery: null };
  const server = http.createServer((req, res) => {
    const host = req.headers.host ?? "";
    const url = new URL(req.url ?? "/", `http://${host}`);
    const mediaHost = `api.media.atlassian.com.localhost:${(server.address() as AddressInfo).port}`;
    const token = /cloud\.session\.token=([a-z0-9-]+)/.exec(req.headers.cookie ?? "")?.[1];
    if (host === mediaHost) {
      seen.mediaQuery = url.search;
      return sendFile(req, res, url.searchParams.get("name") ?? "file.bin");
    }
    switch (`${req.method} ${url.pathname}`) {
      case "POST /login": {
        // Reads the form, like a sign-in: user=<name>.
        let body = "";
        req.on("data", (c: Buffer) => (body += c.toString()));
        req.on("end", () => {
          const user = new URLSearchParams(body).get("user") ?? "nobody";
          res.writeHead(303, { location: "/page", "set-cookie": `cloud.session.token=${user}; Domain=${host.replace(/:\d+$/, "")}; Path=/; HttpOnly` });
          res.end();
        });
        return;
      }
      case "GET /login":
        res.writeHead(200, { "content-type": "text/html" });
        return res.end(`<form method="post" action="http://${host}/login"><input name="user"></form>`);
      case "GET /gateway/api/me":
        if (!token) {
          res.writeHead(401, { "content-type": "application/json" });
          return res.end("{}");
        }
        res.writeHead(200, { "content-type": "application/json" });
        return res.end(JSON.stringify({ account_id: `acc-${token}`, email: `${token}@acme.test`, name: `User ${token}`, account_type: "atlassian" }));
      case "GET /page":
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        // Written in small pieces so authorities cross chunk boundaries on the way through the proxy.
        for (const piece of `<html><body><a href="http://${host}/wiki/spaces/X/overview">space</a> <img src="http://${mediaHost}/file/1/binary"> é
<script>const api = "http:\\/\\/${host}/rest/api/3"; const u = window.location.protocol + "//" + "${host}" + "/browse";</script></body></html>`.match(/.{1,7}/gs) ?? []) {
          res.write(piece);
        }
        return res.end();
      case "GET /app.js":
        res.writeHead(200, { "content-type": "application/javascript" });
        return res.end(`fetch("http://${host}/gateway/api/me");`);
      case "GET /echo":
        // text/plain is not rewritten: the test sees exactly what reached the upstream.
        res.writeHead(200, { "content-type": "text/plain" });
        return res.end(JSON.stringify({ host, origin: req.headers.origin ?? null, referer: req.headers.referer ?? null, cookie: req.headers.cookie ?? null }));
      case "GET /attachment":
        res.writeHead(302, { location: `http://${mediaHost}/file/abc/binary?token=t1&name=report.bin` });
        return res.end();
      case "GET /big.bin":
        return sendFile(req, res, "big.bin");
      case "GET /reset":
        res.writeHead(200, { "content-type": "application/octet-stream", "content-length": 1_000_000 });
        res.write(bytesAt(0, 1000));
        setTimeout(() => res.socket?.destroy(), 20);
        return;
      default:
        res.writeHead(404, { "content-type": "text/plain" });
        return res.end("not found");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};
