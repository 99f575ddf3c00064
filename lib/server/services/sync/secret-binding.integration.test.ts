// Issue 18 item 16: a stored secret is bound to its row. Someone who can write the database (a leaked backup
// restored, an SQL injection elsewhere) copies one row's ciphertext into another: it no longer decrypts there.
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZCreateChannelInput, type TCreateChannelInput } from "../../../shared/schemas/notifications";
import { startSimulator, type TRunningSimulator } from "../../../simulator/start-simulator";
import { makeUser } from "../../../testing/factories";
import { openTestDatabase } from "../../../testing/test-database";
import { createSimOrg, loginEvents, postEvents } from "../../../testing/sim-org";
import { SecretBoxError } from "../../crypto/secret-box";
import { findChannelWithSecret } from "../../repositories/notification-channel-repository";
import { createConnector } from "../connectors/create-connector";
import { getConnectorOrThrow } from "../connectors/get-connectors";
import { openAtlassianSession, PermanentGovernanceError } from "../governance/atlassian-effects";
import { openChannelSecret } from "../notifications/channel-secret";
import { deliverToChannel } from "../notifications/deliver-to-channel";
import { DeliveryError } from "../notifications/delivery-error";
import { createChannel } from "../notifications/save-channel";
import { runSyncPass } from "./run-sync-pass";

let sim: TRunningSimulator;
const db = openTestDatabase();
const logger = pino({ level: "silent" });
const pass = (connectorId: string) => runSyncPass({ connectorId, workerId: "w1", perMinute: 100_000, budgetMs: 20_000, logger });

beforeAll(async () => {
  sim = await startSimulator({ rateLimits: { enabled: false } });
});
afterAll(() => sim.close());

describe("a stored secret copied to another row", () => {
  it("a connector's API key copied into another connector does not decrypt there: Error, no API call; the original still syncs", async () => {
    const { principal } = await makeUser("admin");
    const connect = async (name: string) => {
      const org = await createSimOrg(sim.baseUrl);
      await postEvents(sim.baseUrl, org.orgId, loginEvents(org.users.slice(0, 2), 5));
      return createConnector({ actor: principal, input: { name, orgId: org.orgId, apiKey: org.apiKey, baseUrl: sim.baseUrl, backfillDays: 1 } });
    };
    const acme = await connect("Acme");
    const globex = await connect("Globex");
    await db.query("UPDATE connectors SET api_key_ciphertext = (SELECT api_key_ciphertext FROM connectors WHERE id = $1) WHERE id = $2", [acme.id, globex.id]);

    const requestsBefore = sim.state.stats.toJSON().requestsTotal;
    expect(await pass(globex.id)).toEqual({ outcome: "failed", stored: 0 });
    expect(sim.state.stats.toJSON().requestsTotal).toBe(requestsBefore);
    expect(await getConnectorOrThrow(globex.id)).toMatchObject({
      status: "error",
      statusDetail: "The stored API key cannot be decrypted (WATCHPOST_SECRET changed, or the value was altered or copied from another connector): renew the API key",
      stats: { activitiesStored: 0 },
    });
    await expect(openAtlassianSession(globex.id, 100)).rejects.toThrow(PermanentGovernanceError);

    expect(await pass(acme.id)).toMatchObject({ outcome: "caught_up", stored: 5 });
    expect(await getConnectorOrThrow(acme.id)).toMatchObject({ status: "connected", statusDetail: null });
    await expect(openAtlassianSession(acme.id, 100)).resolves.toMatchObject({ orgId: expect.any(String) });
  });

  it("a channel's webhook URL copied into another channel does not decrypt there; the original still does", async () => {
    const { principal } = await makeUser("admin");
    const add = (name: string, url: string) => createChannel({ actor: principal, input: ZCreateChannelInput.parse({ kind: "slack", name, url }) as TCreateChannelInput });
    const first = await add("First", "https://hooks.slack.com/services/T0/B0/first-channel");
    const second = await add("Second", "https://hooks.slack.com/services/T0/B0/second-channel");
    await db.query("UPDATE notification_channels SET secret_ciphertext = (SELECT secret_ciphertext FROM notification_channels WHERE id = $1) WHERE id = $2", [
      first.id,
      second.id,
    ]);

    const moved = await findChannelWithSecret(second.id);
    if (!moved) throw new Error("channel missing");
    const content = { type: "test", channelName: "Second", requestedBy: null, url: "http://localhost/" } as const;
    await expect(deliverToChannel({ channel: moved, content, now: new Date() })).rejects.toThrow(DeliveryError);
    await expect(deliverToChannel({ channel: moved, content, now: new Date() })).rejects.toThrow(/copied from another channel/);
    expect(() => openChannelSecret(moved)).toThrow(SecretBoxError);
    const original = await findChannelWithSecret(first.id);
    expect(original && openChannelSecret(original)).toEqual({ url: "https://hooks.slack.com/services/T0/B0/first-channel" });
  });
});
