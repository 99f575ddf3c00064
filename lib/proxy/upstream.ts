// Requests to a site's upstream: the forwarded request itself and the identity lookup (/gateway/api/me).
import http from "node:http";
import https from "node:https";
import { z } from "zod";
import type { TUpstream } from "./names";
import type { TAccount } from "./session-tracker";

const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 512 });
const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 512 });

/** No bytes from the upstream for this long: the request fails (502 when nothing was answered yet). */
export const UPSTREAM_IDLE_TIMEOUT_MS = 30_000;

/** Opens a request to the upstream with `Host` set to the authority the upstream serves the site (or media host) under. */
export const requestUpstream = (
  upstream: TUpstream,
  options: Readonly<{ method: string; path: string; authority: string; headers: http.OutgoingHttpHeaders; timeoutMs?: number }>,
): http.ClientRequest => {
  const isHttps = upstream.protocol === "https:";
  const request = (isHttps ? https : http).request({
    host: upstream.connectHost,
    port: upstream.connectPort,
    method: options.method,
    path: options.path,
    headers: { ...options.headers, host: options.authority },
    agent: isHttps ? httpsAgent : httpAgent,
    ...(isHttps ? { servername: options.authority.replace(/:\d+$/, "") } : {}),
  });
  request.setTimeout(options.timeoutMs ?? UPSTREAM_IDLE_TIMEOUT_MS, () => request.destroy(new Error("upstream timed out")));
  return request;
};

const ZMe = z.object({ account_id: z.string().min(1).max(200), email: z.string().max(320).optional().nullable(), name: z.string().max(500).optional().nullable() });

/** The signed-in account of these cookies, or null (401, any other answer, a timeout, a malformed body). */
export const fetchAccount = (upstream: TUpstream, cookie: string, userAgent: string | undefined): Promise<TAccount | null> =>
  new Promise((resolve) => {
    const request = requestUpstream(upstream, {
      method: "GET",
      path: "/gateway/api/me",
      authority: upstream.siteAuthority,
      headers: { cookie, accept: "application/json", ...(userAgent ? { "user-agent": userAgent } : {}) },
      timeoutMs: 3_000,
    });
    request.on("error", () => resolve(null));
    request.on("response", (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        resolve(null);
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > 64 * 1024) response.destroy();
        else chunks.push(chunk);
      });
      response.on("error", () => resolve(null));
      response.on("close", () => {
        try {
          const parsed = ZMe.safeParse(JSON.parse(Buffer.concat(chunks).toString("utf8")));
          resolve(parsed.success ? { id: parsed.data.account_id, email: parsed.data.email ?? null, name: parsed.data.name ?? null } : null);
        } catch {
          resolve(null);
        }
      });
    });
    request.end();
  });
