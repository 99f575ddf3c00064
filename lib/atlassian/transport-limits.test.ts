import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZOrgResponse } from "./schemas/orgs";
import { createTransport, MAX_BODY_BYTES } from "./transport";

// A hostile "API": redirects to the metadata service, or streams a body far past the cap.
let server: Server;
let baseUrl: string;
let bigBodySent = 0;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url?.startsWith("/redirect")) {
      res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end();
      return;
    }
    if (req.url?.startsWith("/big")) {
      // Chunked, no content-length: the client has to stop reading on its own.
      res.writeHead(200, { "content-type": "application/json" });
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      const pump = () => {
        while (bigBodySent < 64 * 1024 * 1024) {
          bigBodySent += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end();
      };
      res.on("close", () => res.destroy());
      pump();
      return;
    }
    res.writeHead(200, { "content-type": "application/json", "content-length": String(MAX_BODY_BYTES + 1) }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const failure = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => e as { kind?: string; message?: string });

describe("transport limits", () => {
  it("does not follow redirects (redirect: error)", async () => {
    const request = createTransport({ baseUrl, apiKey: "k" });
    const error = await failure(request({ path: "/redirect", schema: ZOrgResponse }));
    expect(error?.kind).toBe("network");
    expect(error?.message).toMatch(/redirect/);
  });

  it("stops reading a body past 20 MB and reports a bad response (malformed)", async () => {
    const request = createTransport({ baseUrl, apiKey: "k" });
    const error = await failure(request({ path: "/big", schema: ZOrgResponse }));
    expect(error?.kind).toBe("malformed");
    expect(error?.message).toMatch(/larger than 20 MB/);
    expect(bigBodySent).toBeLessThan(64 * 1024 * 1024);
  });

  it("refuses a declared content-length past the cap without reading it", async () => {
    const request = createTransport({ baseUrl, apiKey: "k" });
    const error = await failure(request({ path: "/declared", schema: ZOrgResponse }));
    expect(error?.kind).toBe("malformed");
  });

  it("refuses https to a private address before sending the key", async () => {
    const request = createTransport({ baseUrl: "https://10.0.0.1", apiKey: "k", timeoutMs: 2_000 });
    const error = await failure(request({ path: "/admin/v1/orgs", schema: ZOrgResponse }));
    expect(error?.kind).toBe("network");
    expect(error?.message).toMatch(/10\.0\.0\.1 is a private address/);
  });
});
