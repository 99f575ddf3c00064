// Database rows the proxy's integration tests need: a connector whose base URL is the fake site, and its protected site.
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { getDb } from "../../server/db";
import { insertConnector } from "../../server/repositories/connector-repository";
import { connectorData } from "../../testing/factories";
import type { TClassification } from "../classify";
import { startSessionProxy } from "../start-proxy";
import { startFakeSite } from "./fake-site";

export const insertProtectedSite = async (baseUrl: string, siteName = `s${randomUUID().slice(0, 8)}`) => {
  const id = randomUUID();
  await insertConnector(connectorData({ id, baseUrl }));
  const host = `${siteName}.atlassian.net`;
  await getDb().atlassianSite.create({ data: { connectorId: id, host, name: siteName, isProtected: true, protectedAt: new Date() } });
  return { connectorId: id, host };
};

/** The fake site's URL shapes, classified the way lib/proxy/classify.ts classifies Atlassian's own. */
export const classifyFakeSite = ({ method, hostKind, pathname }: Readonly<{ method: string; hostKind: "site" | "media"; pathname: string }>): TClassification => {
  if (hostKind === "media") return { product: "jira-software", action: "proxy_download_attachment", fileName: "report.bin" };
  if (method === "POST" && pathname === "/login") return { product: "atlassian", action: "proxy_sign_in" };
  if (pathname === "/page") return { product: "confluence", action: "proxy_view_page", objectType: "page", objectId: "1", objectName: "Fake page" };
  if (pathname === "/reset") return { product: "bitbucket", action: "proxy_download_raw_file", fileName: "reset.bin" };
  if (pathname === "/big.bin") return { product: "confluence", action: "proxy_download_attachment", objectType: "page", objectId: "1", fileName: "big.bin" };
  return { product: "atlassian", action: "proxy_other" };
};

export const PROXY_DOMAIN = "proxy.localhost";

/** Polls `read` until it returns something (a row that the proxy's write loop has flushed). */
export const waitFor = async <T>(read: () => Promise<T | null | undefined>, timeoutMs: number): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 100));
  }
};

/** A fake site behind a protected site row, a trusted device CA, and the proxy in front (port 0, its own data dir). */
export const startProxyFixture = async (deviceCa: Readonly<{ certPem: string; fingerprint256: string }>) => {
  const site = await startFakeSite();
  const { connectorId, host } = await insertProtectedSite(`http://127.0.0.1:${site.port}`);
  await getDb().deviceCa.create({
    data: { kind: "uploaded", name: "Test device CA", certPem: deviceCa.certPem, subject: "CN=Test device CA", fingerprint256: deviceCa.fingerprint256, notAfter: new Date(Date.now() + 86_400_000) },
  });
  const proxy = await startSessionProxy({ port: 0, host: "127.0.0.1", domain: PROXY_DOMAIN, dataDir: mkdtempSync(path.join(tmpdir(), "proxy-")), classify: classifyFakeSite });
  return {
    site,
    proxy,
    connectorId,
    /** The proxied host of the site. */
    host: `${host}.${PROXY_DOMAIN}`,
    close: async () => {
      await proxy.close();
      await site.close();
    },
  };
};
