import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { withDatabase } from "../fixtures/database";
import { ADMIN, ADMIN_STATE, createTokenWithCli } from "../fixtures/env";

const SHOTS = process.env.E2E_SCREENSHOTS ?? "test-results/screens";
const DAY_MS = 86_400_000;

/** A connector of its own (no Atlassian behind it) with one directory user and two alerts resolved 400 days ago. */
const seedOldAlerts = async () => {
  const tag = randomUUID().slice(0, 8);
  const connectorId = randomUUID();
  const name = `Retention ${tag}`;
  const held = `held-${tag}`;
  const [heldAlert, freeAlert] = [randomUUID(), randomUUID()];
  const old = new Date(Date.now() - 400 * DAY_MS);
  await withDatabase(async (db) => {
    await db.query(
      `INSERT INTO connectors (id, name, org_id, base_url, api_key_ciphertext, api_key_last4, rate_bucket_key, api_key_expires_at, sync_from, status, updated_at)
       VALUES ($1, $2, $3, 'http://127.0.0.1:9', 'x', 'none', $3, now() + interval '1 year', now(), 'disabled', now())`,
      [connectorId, name, `org-${tag}`],
    );
    await db.query(
      `INSERT INTO atlassian_users (id, connector_id, account_id, name, email, domain, status, is_admin, platform_roles, synced_at)
       VALUES (gen_random_uuid(), $1, $2, 'Held Person', $2 || '@retention.test', 'retention.test', 'active', false, '{}', now())`,
      [connectorId, held],
    );
    for (const [id, account] of [
      [heldAlert, held],
      [freeAlert, `free-${tag}`],
    ] as const) {
      await db.query(
        `INSERT INTO alerts (id, policy_key, policy_name, severity, status, connector_id, user_account_id, title, explanation, episode_key, classification,
           resolution_reason, resolved_at, first_activity_at, last_activity_at, created_at, updated_at)
         VALUES ($1::uuid, 'impossible_travel', 'Impossible travel', 'medium', 'resolved', $2, $3, 'Old alert', 'x', $1::text, 'benign_true_positive',
           'old', $4, $4, $4, $4, $4)`,
        [id, connectorId, account, old],
      );
    }
  });
  return { connectorId, name, heldEmail: `${held}@retention.test`, heldAlert, freeAlert };
};

const alertExists = (id: string) => withDatabase(async (db) => (await db.query("SELECT 1 FROM alerts WHERE id = $1", [id])).rowCount === 1);

test("admin sets retention periods, holds a person, runs retention: the held alert stays, the other goes", async ({ browser }) => {
  const seeded = await seedOldAlerts();
  const context = await browser.newContext({ storageState: ADMIN_STATE });
  const page = await context.newPage();
  await page.goto("/settings/retention");
  await expect(page.getByRole("heading", { name: "Data retention", level: 1 })).toBeVisible();

  const alertsDays = page.getByLabel("Alerts (with comments and history) (days)");
  await expect(alertsDays).toHaveValue(/^\d+$/);
  await alertsDays.fill("10");
  await page.getByRole("button", { name: "Save retention periods" }).click();
  await expect(page.getByText("keep at least 30 days")).toBeVisible();
  await alertsDays.fill("365");
  await page.getByRole("button", { name: "Save retention periods" }).click();
  await expect(page.getByText("Retention periods saved.")).toBeVisible();

  const holdForm = page.getByRole("form", { name: "Add a legal hold" });
  await holdForm.getByLabel("Connector").selectOption({ label: seeded.name });
  await holdForm.getByLabel("User (optional)").fill("nobody@retention.test");
  await holdForm.getByLabel("Reason").fill("Case 2026-41");
  await holdForm.getByRole("button", { name: "Add legal hold" }).click();
  await expect(page.getByText(`No user "nobody@retention.test" in ${seeded.name}'s directory`)).toBeVisible();
  await holdForm.getByLabel("User (optional)").fill(seeded.heldEmail);
  await holdForm.getByRole("button", { name: "Add legal hold" }).click();
  const active = page.getByRole("list", { name: "Active legal holds" });
  await expect(active).toContainText(`${seeded.heldEmail} in ${seeded.name}`);

  await page.getByRole("button", { name: "Refresh dry run" }).click();
  await expect(page.getByTestId("dry-run-alerts")).not.toHaveText("0");
  await expect(page.getByText(/kept by legal holds/)).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/retention-settings.png`, fullPage: true });

  await page.getByRole("button", { name: "Run retention now" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Run retention" }).click();
  await expect(page.getByText(/^Retention ran: /)).toBeVisible();
  expect(await alertExists(seeded.freeAlert)).toBe(false);
  expect(await alertExists(seeded.heldAlert)).toBe(true);
  await expect(page.getByRole("list", { name: "Last retention runs" })).toContainText(`Run now by ${ADMIN.email}`);

  await active.getByRole("button", { name: `Release hold on ${seeded.heldEmail} in ${seeded.name}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Release hold" }).click();
  await expect(page.getByText("Released holds (1)", { exact: false })).toBeVisible();
  await context.close();
});

test("retention API: clear 400s for bad periods and holds; the run is in the portal audit log", async ({ playwright }) => {
  const admin = await playwright.request.newContext({ extraHTTPHeaders: { authorization: `Bearer ${createTokenWithCli(ADMIN.email)}` } });
  const current = await (await admin.get("/api/v1/retention")).json();
  const body = Object.fromEntries(current.periods.map((p: { kind: string; days: number }) => [`${p.kind}Days`, p.days]));
  const bad = await admin.put("/api/v1/retention", { data: { ...body, activitiesDays: "half a year" } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.message).toContain("Activities: days must be a number");
  const extra = await admin.put("/api/v1/retention", { data: { ...body, forever: true } });
  expect(extra.status()).toBe(400);
  const noReason = await admin.post("/api/v1/retention/holds", { data: { connectorId: randomUUID() } });
  expect(noReason.status()).toBe(400);
  const unknownHold = await admin.delete(`/api/v1/retention/holds/${randomUUID()}`);
  expect(unknownHold.status()).toBe(404);

  const preview = await admin.get("/api/v1/retention/preview");
  expect(preview.status()).toBe(200);
  expect(Object.keys((await preview.json()).counts)).toEqual(expect.arrayContaining(["activities", "alerts", "governance", "deliveries", "audit", "partitions"]));
  const run = await admin.post("/api/v1/retention/run");
  expect(run.status()).toBe(200);
  const audit = await (await admin.get("/api/v1/audit-log?action=retention.run&limit=1")).json();
  expect(audit.data[0]).toMatchObject({ action: "retention.run", actorEmail: ADMIN.email });
  await admin.dispose();
});
