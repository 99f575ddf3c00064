import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertAllowedHost, guardedFetch, isTargetRefused, targetRefusalOf } from "./guarded-fetch";

// A plain HTTP server on 127.0.0.1: what a loopback simulator or an internal service looks like.
let server: Server;
let port: number;
beforeAll(async () => {
  server = createServer((_req, res) => res.end("ok"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const CONNECTOR = { allowPrivate: false, allowLoopbackHttpLiteral: true };
const STRICT = { allowPrivate: false, allowLoopbackHttpLiteral: false };
const PRIVATE_ALLOWED = { allowPrivate: true, allowLoopbackHttpLiteral: false };

const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(isTargetRefused(error)).toBe(true);
  return targetRefusalOf(error)?.reason;
};

describe("guardedFetch", () => {
  it("connects over plain http to a loopback IP literal when the policy allows the simulator", async () => {
    const response = await guardedFetch(CONNECTOR)(`http://127.0.0.1:${port}/`);
    expect(await response.text()).toBe("ok");
  });

  it("refuses a name that resolves to loopback at connect time, whatever the URL looked like", async () => {
    // localhost resolves to 127.0.0.1: the same as a rebinding name that answered a public address before.
    expect(await refusal(guardedFetch(CONNECTOR)(`http://localhost:${port}/`))).toMatch(/localhost resolves to (127\.0\.0\.1|::1), a loopback address/);
    expect(await refusal(guardedFetch(STRICT)(`https://localhost:${port}/`))).toMatch(/a loopback address/);
  });

  it("refuses https to loopback, private, metadata and IPv4-mapped literals", async () => {
    const doFetch = guardedFetch(CONNECTOR);
    expect(await refusal(doFetch(`https://127.0.0.1:${port}/`))).toMatch(/127\.0\.0\.1 is a loopback address/);
    expect(await refusal(doFetch("https://10.0.0.1/"))).toMatch(/a private address/);
    expect(await refusal(doFetch("https://192.168.1.1/"))).toMatch(/a private address/);
    expect(await refusal(doFetch("https://169.254.169.254/latest/meta-data/"))).toMatch(/a cloud metadata address/);
    expect(await refusal(doFetch(`https://[::ffff:127.0.0.1]:${port}/`))).toMatch(/a loopback address/);
    expect(await refusal(doFetch("http://100.64.0.1/"))).toMatch(/carrier-grade NAT/);
  });

  it("reaches loopback only with allowPrivate when the simulator exception is off", async () => {
    expect(await refusal(guardedFetch(STRICT)(`http://127.0.0.1:${port}/`))).toMatch(/a loopback address/);
    expect(await (await guardedFetch(PRIVATE_ALLOWED)(`http://localhost:${port}/`)).text()).toBe("ok");
  });
});

describe("assertAllowedHost", () => {
  it("resolves names and refuses non-public answers before anything is saved", async () => {
    await expect(assertAllowedHost("localhost", "smtp:", STRICT)).rejects.toThrow(/localhost resolves to .*a loopback address/);
    await expect(assertAllowedHost("10.1.2.3", "smtp:", STRICT)).rejects.toThrow(/10\.1\.2\.3 is a private address/);
    await expect(assertAllowedHost("localhost", "smtp:", PRIVATE_ALLOWED)).resolves.toEqual(expect.arrayContaining([expect.objectContaining({ address: expect.any(String) })]));
    await expect(assertAllowedHost("8.8.8.8", "smtp:", STRICT)).resolves.toEqual([{ address: "8.8.8.8", family: 4 }]);
  });
});
