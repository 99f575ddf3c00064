import { randomBytes, randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetDatabase } from "../../testing/reset-database";
import { openApiKey } from "../services/connectors/connector-secret";
import { openChannelSecret } from "../services/notifications/channel-secret";
import { bindStoredSecrets, bindStoredSecretsAtStart, countLegacySecrets, describeBindOutcome } from "./bind-stored-secrets";

// Made by the v1 secret box (before issue 18 item 16) with the integration tests' WATCHPOST_SECRET.
const V1_API_KEY = "v1:ok0BXj7yQq9RtZ0iXqZtQLU00TQ5c0yElyjkrE82eyoWIbvAps-K16NM3kmMgHAw5jiz0szh"; // "ATATT-legacy-connector-key"
const V1_CHANNEL = "v1:uoMHm3GJ1etV0n5opt7k4PsMaBaWgmBQ0aMwT-CNZfI9Sg110RtZCBntEZPTe1KUMBGAya_7Olx_cKLTfNo225sUJNEIwFM8ECtmqKNljaPcZCE"; // {url: …/legacy}
const LEGACY_URL = "https://hooks.slack.com/services/T0/B0/legacy";

const databaseUrl = () => process.env.DATABASE_URL ?? "";
const secret = () => process.env.WATCHPOST_SECRET ?? "";
let db: pg.Client;

beforeAll(async () => {
  db = new pg.Client({ connectionString: databaseUrl() });
  await db.connect();
});
afterAll(() => db.end());
beforeEach(resetDatabase);

const insertConnector = async (ciphertext: string): Promise<string> => {
  const id = randomUUID();
  await db.query(
    `INSERT INTO connectors (id, name, org_id, base_url, api_key_ciphertext, api_key_last4, rate_bucket_key, api_key_expires_at, sync_from, status, updated_at)
     VALUES ($1, $2, $2, 'http://127.0.0.1:1', $3, 'gkey', $2, now() + interval '1 year', now(), 'connected', now())`,
    [id, `org-${id.slice(0, 8)}`, ciphertext],
  );
  return id;
};

const insertChannel = async (ciphertext: string | null): Promise<string> => {
  const id = randomUUID();
  await db.query(`INSERT INTO notification_channels (id, name, kind, secret_ciphertext, updated_at) VALUES ($1, $2, 'slack', $3, now())`, [id, `ch-${id.slice(0, 8)}`, ciphertext]);
  return id;
};

const snapshot = async () => ({
  connectors: (await db.query<{ id: string; box: string }>("SELECT id::text, api_key_ciphertext AS box FROM connectors ORDER BY id")).rows,
  channels: (await db.query<{ id: string; box: string | null }>("SELECT id::text, secret_ciphertext AS box FROM notification_channels ORDER BY id")).rows,
});

describe("the upgrade to row-bound secrets (v1 → v2)", () => {
  it("re-encrypts every v1 value bound to its row, and a second run changes nothing", async () => {
    const connectorId = await insertConnector(V1_API_KEY);
    const channelId = await insertChannel(V1_CHANNEL);
    const emptyChannelId = await insertChannel(null);
    // A value that was never v1 (a benchmark's placeholder) is not touched.
    const placeholderId = await insertConnector("bench:not-a-key");
    expect(() => openApiKey({ id: connectorId, apiKeyCiphertext: V1_API_KEY })).toThrow(/unbound v1 format/);
    expect(await countLegacySecrets(databaseUrl())).toBe(2);

    const outcome = await bindStoredSecrets({ databaseUrl: databaseUrl(), secret: secret() });
    expect(outcome).toEqual({ converted: { "connectors.api_key_ciphertext": 1, "notification_channels.secret_ciphertext": 1, "device_cas.key_ciphertext": 0, "sso_configs.client_secret_ciphertext": 0 }, unreadable: [] });
    expect(describeBindOutcome(outcome)).toBe(
      "stored secrets: 2 v1 value(s) re-encrypted as v2, bound to their rows (connectors.api_key_ciphertext 1, notification_channels.secret_ciphertext 1)",
    );

    const after = await snapshot();
    const key = after.connectors.find((r) => r.id === connectorId)?.box ?? "";
    const channel = after.channels.find((r) => r.id === channelId)?.box ?? null;
    expect(key).toMatch(/^v2:/);
    expect(channel).toMatch(/^v2:/);
    expect(openApiKey({ id: connectorId, apiKeyCiphertext: key })).toBe("ATATT-legacy-connector-key");
    expect(openChannelSecret({ id: channelId, secretCiphertext: channel })).toEqual({ url: LEGACY_URL });
    expect(after.channels.find((r) => r.id === emptyChannelId)?.box).toBeNull();
    expect(after.connectors.find((r) => r.id === placeholderId)?.box).toBe("bench:not-a-key");
    expect(await countLegacySecrets(databaseUrl())).toBe(0);

    const again = await bindStoredSecrets({ databaseUrl: databaseUrl(), secret: secret() });
    expect(again).toEqual({ converted: { "connectors.api_key_ciphertext": 0, "notification_channels.secret_ciphertext": 0, "device_cas.key_ciphertext": 0, "sso_configs.client_secret_ciphertext": 0 }, unreadable: [] });
    expect(describeBindOutcome(again)).toBeNull();
    expect(await snapshot()).toEqual(after);
  });

  it("converts each value once when two processes start together", async () => {
    const ids = [await insertConnector(V1_API_KEY), await insertConnector(V1_API_KEY), await insertConnector(V1_API_KEY)];
    const runs = await Promise.all([1, 2].map(() => bindStoredSecrets({ databaseUrl: databaseUrl(), secret: secret() })));
    expect(runs.map((r) => r.converted["connectors.api_key_ciphertext"]).sort()).toEqual([0, 3]);
    const { connectors } = await snapshot();
    for (const id of ids) expect(openApiKey({ id, apiKeyCiphertext: connectors.find((r) => r.id === id)?.box ?? "" })).toBe("ATATT-legacy-connector-key");
  });

  it("never overwrites a v1 value the secret cannot open: it stays, is named in a warning, and is refused on use", async () => {
    const readable = await insertConnector(V1_API_KEY);
    // What a value made under an earlier WATCHPOST_SECRET looks like to this one.
    const foreignBox = `v1:${randomBytes(40).toString("base64url")}`;
    const foreign = await insertConnector(foreignBox);
    const wrongSecret = await bindStoredSecrets({ databaseUrl: databaseUrl(), secret: "another-secret-0123456789abcdefghijkl" });
    expect([...wrongSecret.unreadable].sort()).toEqual([`connectors.api_key_ciphertext ${foreign}`, `connectors.api_key_ciphertext ${readable}`].sort());
    expect((await snapshot()).connectors.map((r) => r.box).sort()).toEqual([V1_API_KEY, foreignBox].sort());

    // The web/worker start (the right secret) converts what it can open and warns about the rest.
    const start = await bindStoredSecretsAtStart({ DATABASE_URL: databaseUrl(), WATCHPOST_SECRET: secret() });
    expect(start).toEqual({ line: expect.stringContaining("1 v1 value(s) re-encrypted"), isWarning: true });
    expect(start?.line).toContain(`1 cannot be decrypted with this WATCHPOST_SECRET and stay refused until entered again (connectors.api_key_ciphertext ${foreign})`);
    expect(await countLegacySecrets(databaseUrl())).toBe(1);
    expect(() => openApiKey({ id: foreign, apiKeyCiphertext: foreignBox })).toThrow(/unbound v1 format/);
  });

  it("at web/worker start: nothing to log when nothing is v1, and a one-line reason when the database refuses", async () => {
    expect(await bindStoredSecretsAtStart({ DATABASE_URL: databaseUrl(), WATCHPOST_SECRET: secret() })).toBeNull();
    expect(await bindStoredSecretsAtStart({ WATCHPOST_SECRET: secret() })).toBeNull();
    const wrong = new URL(databaseUrl());
    wrong.pathname = "/no_such_database";
    await expect(bindStoredSecretsAtStart({ DATABASE_URL: wrong.toString(), WATCHPOST_SECRET: secret() })).rejects.toThrow(
      /^stored secrets could not be converted to the row-bound v2 format \(.*no_such_database.*\): run npm run db:migrate:deploy/,
    );
  });
});
