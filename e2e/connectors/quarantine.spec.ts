import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { isMalformedEventId } from "../../lib/simulator/faults";
import { startSimulator, type TRunningSimulator } from "../../lib/simulator/start-simulator";
import { createSimOrg, loginEvents, postEvents, setSimFaults } from "../../lib/testing/sim-org";
import { ADMIN_STATE } from "../fixtures/env";

// Issue 19 part 2: events of an unexpected shape are quarantined, listed on the connector page, exported, and
// counted on the dashboard; the connector stays Connected.
let sim: TRunningSimulator;
const RATE = 0.25;

test.beforeAll(async () => {
  sim = await startSimulator({ port: 0, rateLimits: { enabled: false } });
});
test.afterAll(async () => {
  await sim?.close();
});

test("quarantined events are listed on the connector page, exported, and counted on the dashboard", async ({ browser }) => {
  const org = await createSimOrg(sim.baseUrl);
  const members = org.users.filter((u) => u.email.endsWith("@acme.test"));
  // Ids are random: draw again until some events, but not all, fall in the malformed share (a run without both would
  // prove nothing; one draw misses with a chance of about 2 in 10,000).
  const draw = () => {
    const events = loginEvents(members, 30);
    return { events, malformed: events.filter((e) => isMalformedEventId(e.id, RATE)).map((e) => e.id as string) };
  };
  let { events, malformed } = draw();
  for (let i = 0; i < 20 && (malformed.length === 0 || malformed.length === events.length); i++) ({ events, malformed } = draw());
  expect(malformed.length, "a mix of malformed and valid events").toBeGreaterThan(0);
  expect(malformed.length).toBeLessThan(events.length);
  await postEvents(sim.baseUrl, org.orgId, events);
  await setSimFaults(sim.baseUrl, { malformedEventRate: RATE, orgId: org.orgId });

  const context = await browser.newContext({ storageState: ADMIN_STATE });
  const created = await context.request.post("/api/v1/connectors", {
    data: { name: `Quarantine ${randomUUID().slice(0, 6)}`, orgId: org.orgId, apiKey: org.apiKey, baseUrl: sim.baseUrl, backfillDays: 1 },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };

  const page = await context.newPage();
  await page.goto(`/connectors/${id}`);
  // The worker picks the connector up within seconds; the page polls.
  await expect(page.getByTestId("quarantine-count")).toHaveText(`${malformed.length} quarantined ${malformed.length === 1 ? "event" : "events"}`, { timeout: 60_000 });
  await expect(page.getByText("Connected", { exact: true }).first()).toBeVisible();
  await expect(page.getByTestId("stat-activities-stored")).toHaveText(String(events.length - malformed.length));
  const rows = page.getByTestId("quarantine-row");
  await expect(rows).toHaveCount(malformed.length);
  await expect(rows.first()).toContainText("attributes.action: Invalid input: expected string, received object");
  for (const eventId of malformed) await expect(page.getByRole("cell", { name: eventId })).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("quarantine-export").click()]);
  expect(download.suggestedFilename()).toMatch(/^watchpost-quarantine-.*\.ndjson$/);
  const text = await (await context.request.get(`/api/v1/connectors/${id}/quarantine/export`)).text();
  const lines = text.trim().split("\n").map((line) => JSON.parse(line) as { eventId: string; raw: { attributes: { action: unknown } } });
  expect(lines.map((l) => l.eventId).sort()).toEqual([...malformed].sort());
  expect(lines[0]?.raw.attributes.action).toEqual({ key: "user_login" });

  await page.goto("/");
  await expect(page.locator(`a[href="/connectors/${id}"][data-testid="health-quarantined"]`)).toHaveText(`${malformed.length} quarantined`);

  expect((await context.request.delete(`/api/v1/connectors/${id}`)).status()).toBe(200);
  await context.close();
});
