import { request } from "node:http";
import { SIMULATED_PASSWORD } from "./credentials";

/** Helpers for tests that talk to the simulator's sites over real HTTP (not part of the product). */
export type TSiteReply = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };

export type TSiteRequest = { method?: string; headers?: Record<string, string>; body?: string; onChunk?: (chunk: Buffer) => void };

/**
 * One request to the simulator at `baseUrl` (http://127.0.0.1:port) addressed by Host to `host` (e.g.
 * `acme.atlassian.net.localhost`); the port is appended. With `onChunk`, the body is handed over chunk by
 * chunk and not kept (large downloads).
 */
export const siteRequest = (baseUrl: string, host: string, path: string, options: TSiteRequest = {}): Promise<TSiteReply> => {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: hostname, port, path, method: options.method ?? "GET", headers: { Host: `${host}:${port}`, ...options.headers } }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on("data", (chunk: Buffer) => (options.onChunk ? options.onChunk(chunk) : chunks.push(chunk)));
      incoming.on("end", () => resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: Buffer.concat(chunks) }));
      incoming.on("error", reject);
    });
    outgoing.on("error", reject);
    outgoing.end(options.body);
  });
};

/** Signs `email` in to the site and returns the Cookie header value to send afterwards. */
export const signIn = async (baseUrl: string, host: string, email: string, password = SIMULATED_PASSWORD): Promise<string> => {
  const reply = await siteRequest(baseUrl, host, "/login", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password, continue: "/" }).toString(),
  });
  const cookie = [reply.headers["set-cookie"] ?? []].flat()[0];
  if (reply.status !== 303 || !cookie) throw new Error(`sign-in of ${email} → ${reply.status}`);
  return cookie.split(";")[0] ?? "";
};
