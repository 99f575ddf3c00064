import { afterEach, describe, expect, it } from "vitest";
import { startHttpReceiver } from "./local-receivers.fixture";
import { postWebhook } from "./post-webhook";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

const receiver = async (respond?: Parameters<typeof startHttpReceiver>[0]) => {
  const r = await startHttpReceiver(respond);
  cleanups.push(r.close);
  return r;
};

describe("postWebhook", () => {
  it("POSTs JSON and resolves on 2xx", async () => {
    const r = await receiver();
    await expect(postWebhook(r.url("/in"), { hello: "world" })).resolves.toEqual({ status: 200 });
    expect(r.requests[0]).toMatchObject({ path: "/in", body: { hello: "world" }, headers: { "content-type": "application/json" } });
  });

  it("classifies answers: 5xx and 429 retryable (with Retry-After), other 4xx permanent", async () => {
    const r = await receiver((req, _i, res) => {
      const status = Number(req.path.slice(1));
      res.writeHead(status, status === 429 ? { "retry-after": "42" } : {}).end(`status ${status}`);
      return true;
    });
    await expect(postWebhook(r.url("/503"), {})).rejects.toMatchObject({ retryable: true, message: "HTTP 503: the receiver failed" });
    await expect(postWebhook(r.url("/429"), {})).rejects.toMatchObject({ retryable: true, retryAfterSeconds: 42 });
    await expect(postWebhook(r.url("/400"), {})).rejects.toMatchObject({ retryable: false, message: "HTTP 400: the receiver refused the request" });
    await expect(postWebhook(r.url("/403"), {})).rejects.toMatchObject({ retryable: false });
  });

  it("times out a receiver that does not answer", async () => {
    const r = await receiver(() => true);
    await expect(postWebhook(r.url(), {}, { timeoutMs: 200 })).rejects.toMatchObject({ retryable: true, message: "No answer within 0.2 s (timed out)" });
  });

  it("follows same-origin 307/308 only", async () => {
    const other = await receiver();
    const r = await receiver((req, _i, res) => {
      if (req.path === "/old") res.writeHead(308, { location: "/new" }).end();
      else if (req.path === "/away") res.writeHead(307, { location: other.url("/stolen") }).end();
      else if (req.path === "/found") res.writeHead(302, { location: "/new" }).end();
      else return false;
      return true;
    });
    await expect(postWebhook(r.url("/old"), { a: 1 })).resolves.toEqual({ status: 200 });
    expect(r.requests.map((q) => q.path)).toEqual(["/old", "/new"]);
    expect(r.requests[1]?.body).toEqual({ a: 1 });
    await expect(postWebhook(r.url("/away"), {})).rejects.toMatchObject({ retryable: false });
    await expect(postWebhook(r.url("/found"), {})).rejects.toMatchObject({ retryable: false });
    expect(other.requests).toEqual([]);
  });

  it("reports connection errors as retryable without the URL's path (where Slack keeps the secret)", async () => {
    const r = await receiver();
    const url = r.url("/services/T0/B0/very-secret-token");
    await r.close();
    cleanups.pop();
    const error = await postWebhook(url, {}).then(
      () => null,
      (e: unknown) => e as Error & { retryable: boolean },
    );
    expect(error).toMatchObject({ retryable: true, message: "Could not reach the receiver (ECONNREFUSED)" });
    expect(error?.message).not.toContain("very-secret-token");
  });

  it("never echoes the receiver's response body into the error (status and a generic reason only)", async () => {
    const r = await receiver((_req, _i, res) => {
      res.writeHead(500, { "content-type": "text/html" }).end("<h1>internal admin panel</h1> secret=hunter2");
      return true;
    });
    const error = await postWebhook(r.url(), {}).then(() => null, (e: unknown) => e as Error);
    expect(error?.message).toBe("HTTP 500: the receiver failed");
    expect(error?.message).not.toMatch(/hunter2|admin panel/);
  });

  it("refuses a loopback receiver without WATCHPOST_ALLOW_PRIVATE_TARGETS, permanently and before sending", async () => {
    const r = await receiver();
    const policy = { allowPrivate: false, allowLoopbackHttpLiteral: false };
    await expect(postWebhook(r.url("/hook"), {}, { policy })).rejects.toMatchObject({
      retryable: false,
      message: "Refused: 127.0.0.1 is a loopback address: Watchpost does not connect there (set WATCHPOST_ALLOW_PRIVATE_TARGETS=1 to allow private targets)",
    });
    await expect(postWebhook(`http://localhost:${new URL(r.url()).port}/hook`, {}, { policy })).rejects.toMatchObject({ retryable: false, message: /localhost resolves to .* a loopback address/ });
    await expect(postWebhook("https://169.254.169.254/latest", {}, { policy: { ...policy, allowPrivate: true } })).rejects.toMatchObject({ message: /a cloud metadata address/ });
    expect(r.requests).toEqual([]);
  });
});
