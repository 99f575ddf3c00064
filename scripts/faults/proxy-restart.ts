// The fault suite's session-proxy row (issue 21): the proxy is killed -9 in the middle of a signed-in session and
// started again. The browser's cookies must carry on the same proxy session (no new sign-in, the user still known),
// and a download after the restart must be logged again within 2 s.
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { Agent as HttpsAgent } from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";
import { siteCatalog } from "../../lib/simulator/sites/catalog";
import { freePort, waitForTcp } from "../../lib/testing/ports";
import { send, signIn, startProxyProcess, type TTarget as TSiteTarget } from "../bench/lib/proxy-client";
import type { THarness } from "./harness";
import type { TProbe } from "./probe";
import type { TTarget } from "./scenario";

const DOMAIN = "proxy.localhost";
const LOGGED_TARGET_SECONDS = 2;

type TOptions = Readonly<{ harness: THarness; probe: TProbe; target: TTarget; databaseUrl: string }>;

export const proxyRestartRow = async (fault: string, { harness, probe, target, databaseUrl }: TOptions) => {
  await harness.recover(target, Date.now());
  let hosts: string[] = [];
  await harness.waitUntil(`${target.name}'s sites listed by the sync`, async () => (hosts = await probe.protectSites(target.connectorId)).length > 0, 120_000);
  const host = hosts[0] ?? "";
  const file = siteCatalog(host.replace(/\.atlassian\.net$/, "")).files.filter((f) => f.product === "confluence" && f.size < 1024 * 1024)[0];
  const member = target.members[0];
  if (!file || !member) throw new Error("no small Confluence file or no member for the proxy row");

  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), "watchpost-fault-proxy-"));
  const env = { DATABASE_URL: databaseUrl, WATCHPOST_PROXY_PORT: String(port), WATCHPOST_PROXY_DOMAIN: DOMAIN, WATCHPOST_DATA_DIR: dataDir };
  let proxy = startProxyProcess(env);
  try {
    await waitForTcp(port, 60_000);
    const proxied: TSiteTarget = { kind: "proxy", port, host: `${host}.${DOMAIN}` };
    // A new connection per request: the restart must not be hidden behind a kept-alive socket.
    const agent = new HttpsAgent({ keepAlive: false });
    await harness.waitUntil("the proxy to route the site", async () => (await send(proxied, agent, "/login")).status === 200, 30_000);
    const cookie = await signIn(proxied, agent, member.email);
    const download = async () => (await send(proxied, agent, file.paths[0] ?? "/", { headers: { Cookie: cookie } })).status;
    const downloadsOf = async () => (await probe.proxyActivities(target.connectorId)).filter((a) => a.action === "proxy_download_attachment" && a.actor_id === member.accountId);
    const problems: string[] = [];
    if ((await download()) !== 200) problems.push("the download before the kill failed");
    await harness.waitUntil("the download before the kill to be logged", async () => (await downloadsOf()).length === 1, 10_000);

    const exited = once(proxy.child, "exit");
    proxy.kill();
    await exited;
    proxy = startProxyProcess(env);
    const spawnedAt = Date.now();
    // Back when the same cookies reach the file again without a new sign-in (a lost session would answer 302 to /login).
    await harness.waitUntil("the restarted proxy to serve the signed-in session", async () => (await download()) === 200, 60_000);
    const upSeconds = (Date.now() - spawnedAt) / 1000;
    const downloadedAt = Date.now();
    await harness.waitUntil("the download after the restart to be logged", async () => (await downloadsOf()).length >= 2, 30_000);
    const loggedSeconds = (Date.now() - downloadedAt) / 1000;

    const sessions = new Set((await downloadsOf()).map((a) => a.session_id));
    if (sessions.size !== 1) problems.push(`the restarted proxy did not carry on the session: downloads in ${sessions.size} sessions`);
    const sessionRows = await probe.proxySessionCount(target.connectorId, member.accountId);
    if (sessionRows !== 1) problems.push(`${sessionRows} proxy sessions of the user stored, expected 1`);
    if (loggedSeconds > LOGGED_TARGET_SECONDS) problems.push(`the download after the restart was logged ${loggedSeconds.toFixed(1)} s later (target ${LOGGED_TARGET_SECONDS} s)`);
    console.log(`  proxy back ${upSeconds.toFixed(1)} s after its spawn; the download after the restart logged in ${loggedSeconds.toFixed(1)} s`);
    await harness.record(fault, target, upSeconds, 1, null, problems);
  } finally {
    proxy.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
};
