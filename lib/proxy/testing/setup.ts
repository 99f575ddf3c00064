// Database rows the proxy's integration tests need: a connector whose base URL is the fake site, and its protected site.
import { randomUUID } from "node:crypto";
import { getDb } from "../../server/db";
import { insertConnector } from "../../server/repositories/connector-repository";
import type { TRequestClass } from "../classify";

export const insertProtectedSite = async (baseUrl: string, siteName = `s${randomUUID().slice(0, 8)}`) => {
  const id = randomUUID();
  await insertConnector({
    id,
    name: `proxy-${id}`,
    orgId: `org-${id}`,
    baseUrl,
    apiKeyCiphertext: "not-a-real-ciphertext",
    apiKeyLast4: "abcd",
    rateBucketKey: `bucket-${id}`,
    apiKeyExpiresAt: new Date("2030-01-01T00:00:00Z"),
    backfillDays: 1,
    syncFrom: new Date("2026-01-01T00:00:00Z"),
    createdById: null,
    missingScopes: [],
    scopesCheckedAt: new Date(),
  });
  const host = `${siteName}.atlassian.net`;
  await getDb().atlassianSite.create({ data: { connectorId: id, host, name: siteName, isProtected: true, protectedAt: new Date() } });
  return { connectorId: id, host };
};

/** The fake site's URL shapes, classified the way lib/proxy/classify.ts classifies Atlassian's own. */
export const classifyFakeSite = ({ method, hostKind, pathname }: Readonly<{ method: string; hostKind: "site" | "media"; pathname: string }>): TRequestClass => {
  if (hostKind === "media") return { product: "jira-software", action: "proxy_download_attachment", fileName: "report.bin" };
  if (method === "POST" && pathname === "/login") return { product: "atlassian", action: "proxy_sign_in" };
  if (pathname === "/page") return { product: "confluence", action: "proxy_view_page", objectType: "page", objectId: "1", objectName: "Fake page" };
  if (pathname === "/reset") return { product: "bitbucket", action: "proxy_download_raw_file", fileName: "reset.bin" };
  if (pathname === "/big.bin") return { product: "confluence", action: "proxy_download_attachment", objectType: "page", objectId: "1", fileName: "big.bin" };
  return { product: "atlassian", action: "proxy_other" };
};
