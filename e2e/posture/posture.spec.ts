import { expect, test } from "@playwright/test";
import { createPostureSimOrg, postSimEvents, putSimPolicies, settingChangeEvent } from "../../lib/server/services/posture/posture-sim-org.fixture";
import { startSimulator, type TRunningSimulator } from "../../lib/simulator/start-simulator";
import { ADMIN_STATE } from "../fixtures/env";

// A simulator of our own with the "partial" posture scenario org (docs/scenarios/posture-partial.json).
let sim: TRunningSimulator;
const DAY = 86_400_000;

test.beforeAll(async () => {
  sim = await startSimulator({ port: 0, rateLimits: { enabled: false } });
});
test.afterAll(async () => {
  await sim?.close();
});

test("the posture page shows the score and fix steps, and an admin accepts a risk with a reason", async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ storageState: ADMIN_STATE });
  const org = await createPostureSimOrg(sim.baseUrl, "partial", { idle: ["partial-ivy"] });
  const created = await context.request.post("/api/v1/connectors", {
    data: { name: org.definition.name, orgId: org.orgId, apiKey: org.apiKey, baseUrl: sim.baseUrl, backfillDays: 1, apiKeyExpiresAt: new Date(Date.now() + 200 * DAY).toISOString() },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };

  // The worker syncs the directory and evaluates within seconds.
  await expect
    .poll(async () => ((await (await context.request.get(`/api/v1/secure-score?connectorId=${id}`)).json()) as { score: number | null }).score, { timeout: 60_000 })
    .not.toBeNull();

  const page = await context.newPage();
  await page.goto(`/posture?connector=${id}`);
  await expect(page.getByRole("heading", { name: "Posture", level: 1 })).toBeVisible();
  await expect(page.getByTestId("secure-score")).toHaveText("79%");
  await expect(page.getByTestId("secure-score-points")).toHaveText("48.16 of 61 points");
  await expect(page.getByRole("heading", { name: "Identity and authentication" })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("posture-page.png"), fullPage: true });

  // Filters live in the URL.
  await page.getByLabel("Status").selectOption("met");
  await expect(page).toHaveURL(/status=met/);
  await expect(page.getByRole("link", { name: "Enable multi-factor authentication" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Limit the number of org admins" })).toBeVisible();
  await page.getByLabel("Status").selectOption("");

  await page.getByRole("link", { name: "Enable multi-factor authentication" }).click();
  await expect(page.getByRole("heading", { name: "Enable multi-factor authentication", level: 1 })).toBeVisible();
  const steps = page.getByRole("list", { name: "How to fix" });
  await expect(steps.getByRole("listitem")).toHaveCount(4);
  await expect(steps).toContainText("Under Two-step verification choose Required");
  await expect(page.getByRole("list", { name: "Affected policies" })).toContainText("Contractors");
  await expect(page.getByRole("list", { name: "Affected users" })).toContainText("kim@partial.example");
  await expect(page.getByTestId("recommendation-points")).toHaveText("6.67 / 10 pts");
  await page.screenshot({ path: test.info().outputPath("posture-detail.png"), fullPage: true });

  await page.getByRole("button", { name: "Accept risk" }).click();
  const dialog = page.getByRole("dialog", { name: /Accept the risk/ });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Accept risk" }).click();
  await expect(dialog.getByText("Give a reason (at least 3 characters).")).toBeVisible();
  await dialog.getByLabel("Reason").fill("Contractors sign in through the partner VPN with hardware tokens");
  await page.screenshot({ path: test.info().outputPath("posture-accept-dialog.png") });
  await dialog.getByRole("button", { name: "Accept risk" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId("recommendation-state")).toContainText("Risk accepted");
  await expect(page.getByRole("blockquote", { name: "Reason" })).toHaveText("Contractors sign in through the partner VPN with hardware tokens");
  await expect(page.getByTestId("recommendation-points")).toHaveText("Out of score (10 pts)");
  await page.screenshot({ path: test.info().outputPath("posture-accepted.png"), fullPage: true });

  await page.getByRole("link", { name: /Posture of/ }).click();
  await expect(page.getByTestId("secure-score")).toHaveText("81.4%");
  await expect(page.getByTestId("secure-score-points")).toHaveText("41.49 of 51 points");
  await expect(page.getByRole("figure", { name: "Secure score trend" })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("posture-after.png"), fullPage: true });

  // Refresh re-reads the org's policies through the worker and evaluates again (a new history point).
  const historyLength = async () => ((await (await context.request.get(`/api/v1/secure-score?connectorId=${id}`)).json()) as { history: unknown[] }).history.length;
  const before = await historyLength();
  await page.getByRole("button", { name: "Refresh" }).click();
  await expect.poll(historyLength, { timeout: 30_000 }).toBeGreaterThan(before);
  // The page learns the refresh ended at its next poll of the job; under the whole suite's load that can pass 10 s.
  await expect(page.getByRole("progressbar", { name: "Posture refresh progress" })).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByTestId("secure-score")).toHaveText("81.4%");

  // The override is in the portal audit log.
  const audit = (await (await context.request.get("/api/v1/audit-log?action=posture.recommendation_state_changed")).json()) as { data: { targetName: string }[] };
  expect(audit.data[0]?.targetName).toContain("Enable multi-factor authentication");
  await context.close();
});

test("a 2SV change by a named admin drops the score and shows on the recommendation after Refresh", async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ storageState: ADMIN_STATE });
  const org = await createPostureSimOrg(sim.baseUrl, "strong");
  const created = await context.request.post("/api/v1/connectors", {
    data: { name: org.definition.name, orgId: org.orgId, apiKey: org.apiKey, baseUrl: sim.baseUrl, backfillDays: 1, apiKeyExpiresAt: new Date(Date.now() + 200 * DAY).toISOString() },
  });
  const { id } = (await created.json()) as { id: string };
  const score = async () => ((await (await context.request.get(`/api/v1/secure-score?connectorId=${id}`)).json()) as { score: number | null }).score;
  await expect.poll(score, { timeout: 60_000 }).toBe(100);

  const grace = org.definition.users.find((u) => u.accountId === "strong-grace")!;
  await putSimPolicies(sim.baseUrl, org.orgId, org.definition.policies!.map((p) => (p.type === "authentication" ? { ...p, rule: { ...p.rule, twoStepVerification: "off" } } : p)));
  await postSimEvents(sim.baseUrl, org.orgId, [settingChangeEvent("two_step_verification_disabled", grace, "Disabled two-step verification")]);

  const page = await context.newPage();
  await page.goto(`/posture?connector=${id}`);
  await expect(page.getByTestId("secure-score")).toHaveText("100%");
  await page.getByRole("button", { name: "Refresh" }).click();
  await expect(page.getByTestId("secure-score")).toHaveText("59%", { timeout: 30_000 });
  await expect(page.getByText("Regressed after Disabled two-step verification by Grace Admin").first()).toBeVisible();
  await page.getByRole("link", { name: "Enable multi-factor authentication" }).click();
  const changes = page.getByRole("list", { name: "Changes behind the regression" });
  await expect(changes).toContainText("Disabled two-step verification by Grace Admin (grace@strong.example)");
  await page.screenshot({ path: test.info().outputPath("posture-drift.png"), fullPage: true });
  await context.close();
});

test("the REST API answers 400 on bad input and 404 on unknown connectors or keys, and so does an unknown recommendation's page", async ({ browser }) => {
  const context = await browser.newContext({ storageState: ADMIN_STATE });
  const api = context.request;
  const unknown = "00000000-0000-4000-8000-000000000000";
  expect((await api.get("/api/v1/recommendations")).status()).toBe(400);
  expect((await api.get("/api/v1/secure-score?connectorId=nope")).status()).toBe(400);
  expect((await api.get(`/api/v1/recommendations?connectorId=${unknown}`)).status()).toBe(404);
  expect((await api.get(`/api/v1/secure-score?connectorId=${unknown}`)).status()).toBe(404);
  const bad = await api.patch("/api/v1/recommendations/enable_mfa", { data: { connectorId: unknown, state: "ignored", reason: "x" } });
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("validation_failed");
  expect((await api.patch("/api/v1/recommendations/enable_mfa", { data: { connectorId: unknown, state: "risk_accepted" } })).status()).toBe(400);
  expect((await api.patch("/api/v1/recommendations/enable_mfa", { data: { connectorId: unknown, state: "risk_accepted", reason: "because" } })).status()).toBe(404);
  expect((await api.post("/api/v1/secure-score/refresh", { data: { connectorId: unknown } })).status()).toBe(404);
  // The page of an unknown recommendation is a 404 too, not an empty detail view.
  const page = await context.newPage();
  expect((await page.goto("/posture/no_such_recommendation"))?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await context.close();
});
