import { beforeEach, describe, expect, it } from "vitest";
import { makeConnectorRow } from "../../../testing/connector-row";
import { makeUser } from "../../../testing/factories";
import { resetDatabase } from "../../../testing/reset-database";
import { ZProxySessionQuery } from "../../../shared/schemas/proxy-sessions";
// eslint-disable-next-line no-restricted-imports -- the test seeds what the proxy would write
import { getDb } from "../../db";
import { endProxySessionForActor } from "./end-proxy-session";
import { listProxySessionPage } from "./list-proxy-sessions";

beforeEach(() => resetDatabase());

const NOW = new Date("2026-12-07T12:00:00Z");
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);

const seed = async () => {
  const acme = await makeConnectorRow({ name: "Acme" });
  const globex = await makeConnectorRow({ name: "Globex" });
  const rows = [
    { connectorId: acme.id, siteHost: "acme.atlassian.net", userEmail: "ada@acme.test", userName: "Ada Admin", accountId: "a-1", deviceManaged: true, deviceSubject: "CN=Ada's laptop", lastActivityAt: minutesAgo(1), bytesSent: 5_000_000_000n },
    { connectorId: acme.id, siteHost: "acme.atlassian.net", userEmail: "bob@acme.test", userName: "Bob 100%", accountId: "a-2", lastActivityAt: minutesAgo(20) },
    { connectorId: acme.id, siteHost: "acme.atlassian.net", lastActivityAt: minutesAgo(2) },
    { connectorId: globex.id, siteHost: "globex.atlassian.net", userEmail: "carol@globex.test", lastActivityAt: minutesAgo(3), endedAt: minutesAgo(2) },
  ];
  for (const row of rows) await getDb().proxySession.create({ data: { ...row, startedAt: minutesAgo(60), ip: "203.0.113.9", countryCode: "GB", requests: 12, downloads: 2 } });
  return { acme, globex };
};

const page = (query: Record<string, unknown>) => listProxySessionPage(ZProxySessionQuery.parse(query), NOW);

describe("proxy sessions", () => {
  it("lists sessions by last activity with status, filters and keyset pages", async () => {
    const { acme } = await seed();
    const all = await page({});
    expect(all.data.map((s) => [s.userEmail, s.status])).toEqual([
      ["ada@acme.test", "live"],
      [null, "live"],
      ["carol@globex.test", "ended"],
      ["bob@acme.test", "idle"],
    ]);
    expect(all.data[0]).toMatchObject({ connectorName: "Acme", deviceManaged: true, deviceSubject: "CN=Ada's laptop", bytesSent: 5_000_000_000, countryCode: "GB" });
    expect(all.nextCursor).toBeNull();

    expect((await page({ status: "live" })).data).toHaveLength(2);
    expect((await page({ status: "idle" })).data.map((s) => s.userEmail)).toEqual(["bob@acme.test"]);
    expect((await page({ status: "ended" })).data.map((s) => s.userEmail)).toEqual(["carol@globex.test"]);
    expect((await page({ connectorId: acme.id })).data).toHaveLength(3);
    expect((await page({ q: "ADA" })).data.map((s) => s.userEmail)).toEqual(["ada@acme.test"]);
    // LIKE wildcards in the search are literal.
    expect((await page({ q: "100%" })).data.map((s) => s.userEmail)).toEqual(["bob@acme.test"]);
    expect((await page({ q: "%" })).data.map((s) => s.userEmail)).toEqual(["bob@acme.test"]);

    const first = await page({ limit: 3 });
    expect(first.data).toHaveLength(3);
    const second = await page({ limit: 3, cursor: first.nextCursor });
    expect(second.data.map((s) => s.userEmail)).toEqual(["bob@acme.test"]);
    expect(second.nextCursor).toBeNull();
    await expect(page({ cursor: "bm9wZQ" })).rejects.toMatchObject({ status: 400 });
  });

  it("ends a live session once, audited", async () => {
    await seed();
    const { principal } = await makeUser("analyst");
    const [ada] = (await page({ q: "ada" })).data;
    const ended = await endProxySessionForActor({ actor: principal, id: ada?.id ?? "" });
    expect(ended.status).toBe("ended");
    expect(ended.endedAt).not.toBeNull();
    const again = await endProxySessionForActor({ actor: principal, id: ada?.id ?? "" });
    expect(again.endedAt).toBe(ended.endedAt);
    const row = await getDb().proxySession.findUniqueOrThrow({ where: { id: ada?.id ?? "" } });
    expect(row.endedById).toBe(principal.userId);
    const events = await getDb().auditEvent.findMany({ select: { action: true, targetName: true } });
    expect(events).toEqual([{ action: "proxy_session.ended", targetName: "ada@acme.test" }]);
    await expect(endProxySessionForActor({ actor: principal, id: "00000000-0000-4000-8000-000000000000" })).rejects.toMatchObject({ status: 404 });
  });
});
