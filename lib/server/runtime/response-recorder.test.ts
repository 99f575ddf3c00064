import { mkdtempSync, readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { createResponseRecorder } from "./response-recorder";

describe("createResponseRecorder (e2e leak check)", () => {
  it("records plain, streamed and gzip bodies decoded, and skips static assets", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "recorder-")), "responses.log");
    const record = createResponseRecorder(file);
    const server = http.createServer((req, res) => {
      record(req, res);
      if (req.url === "/gzip") {
        res.writeHead(200, { "content-encoding": "gzip" });
        res.end(zlib.gzipSync(Buffer.from("compressed-body-marker")));
      } else if (req.url === "/br") {
        res.setHeader("content-encoding", "br");
        res.end(zlib.brotliCompressSync(Buffer.from("brotli-body-marker")));
      } else if (req.url === "/stream") {
        res.write("part-one ");
        res.write(Buffer.from("part-two "));
        res.end("part-three");
      } else {
        res.end(`static ${req.url}`);
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const url of ["/gzip", "/br", "/stream", "/_next/static/chunk.js"]) await (await fetch(`${base}${url}`)).text();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const recorded = readFileSync(file, "utf8");
    expect(recorded).toContain("### GET /gzip 200\ncompressed-body-marker");
    expect(recorded).toContain("### GET /br 200\nbrotli-body-marker");
    expect(recorded).toContain("part-one part-two part-three");
    expect(recorded).not.toContain("chunk.js");
  });
});
