import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { ADMIN, ADMIN_STATE, createTokenWithCli, uniqueEmail, USER_PASSWORD } from "../fixtures/env";

const SHOTS = process.env.E2E_SCREENSHOTS ?? "test-results/screens";

/** A local webhook receiver on 127.0.0.1 (the worker posts to it); records the JSON bodies. */
const startReceiver = async () => {
  const bodies: { path: string; body: unknown }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      bodies.push({ path: req.url ?? "/", body: JSON.parse(Buffer.concat(chunks).toString("utf8") || "null") });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, bodies, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
};

test("admin adds a webhook channel, a bad URL is a form error, and Send test is delivered to the receiver", async ({ browser }) => {
  const receiver = await startReceiver();
  const context = await browser.newContext({ storageState: ADMIN_STATE });
  const page = await context.newPage();
  try {
    await page.goto("/settings/notifications");
    await expect(page.getByRole("heading", { name: "Notifications", level: 1 })).toBeVisible();
    await page.getByRole("button", { name: "Add channel" }).click();

    const name = `SIEM ${randomUUID().slice(0, 6)}`;
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("Kind").selectOption("webhook");
    await page.getByLabel("Webhook URL").fill("not a url");
    await page.getByRole("button", { name: "Add channel" }).click();
    await expect(page.getByText("Enter a URL such as https://hooks.example.com/…")).toBeVisible();
    await page.getByLabel("Webhook URL").fill("http://hooks.example.com/in");
    await page.getByRole("button", { name: "Add channel" }).click();
    await expect(page.getByText("Webhook URLs must use https (http only to localhost)")).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/notification-channel-form-error.png`, fullPage: true });
    // Refused by the server on save: a cloud metadata address, even with WATCHPOST_ALLOW_PRIVATE_TARGETS (set for this server).
    await page.getByLabel("Webhook URL").fill("https://169.254.169.254/latest/meta-data/");
    await page.getByRole("button", { name: "Add channel" }).click();
    await expect(page.getByText("Webhook URL refused: 169.254.169.254 is a cloud metadata address").first()).toBeVisible();
    await expect(page.getByLabel("Webhook URL")).toHaveAttribute("aria-invalid", "true");

    await page.getByLabel("Webhook URL").fill(receiver.url);
    await page.getByLabel("Minimum severity").selectOption("medium");
    await page.getByRole("button", { name: "Add channel" }).click();
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
    await expect(page.getByText("Medium and above · every policy")).toBeVisible();
    // The URL is a secret: only its host and last characters are shown.
    await expect(page.getByText("127.0.0.1:")).toBeVisible();
    await expect(page.getByText(receiver.url)).toHaveCount(0);

    await page.getByRole("button", { name: "Send test" }).click();
    await expect(page.getByText("Delivered", { exact: true }).first()).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId("channel-last-success")).not.toHaveText("Never");
    expect(receiver.bodies).toEqual([{ path: "/hook", body: expect.objectContaining({ type: "test", test: expect.objectContaining({ channel: name }), sentAt: expect.any(String) }) }]);
    await page.screenshot({ path: `${SHOTS}/notification-channel-page.png`, fullPage: true });

    await page.getByRole("link", { name: "All channels" }).click();
    const row = page.getByTestId(`channel-${name}`);
    await expect(row).toContainText("Webhook (JSON)");
    await expect(row).toContainText("Enabled");
    await page.screenshot({ path: `${SHOTS}/notification-channels.png`, fullPage: true });

    // Disable, then delete with confirmation.
    await row.getByRole("link", { name }).click();
    await page.getByRole("button", { name: "Disable" }).click();
    await expect(page.getByTestId("channel-status")).toHaveText("Disabled");
    await page.getByRole("button", { name: "Delete" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete channel" }).click();
    await expect(page.getByRole("heading", { name: "Notifications", level: 1 })).toBeVisible();
    await expect(page.getByTestId(`channel-${name}`)).toHaveCount(0);
  } finally {
    await context.close();
    await receiver.close();
  }
});

test("notification channel API: admin only, 400 on bad input, 409 on a taken name, test → 202", async ({ playwright }) => {
  const admin = await playwright.request.newContext({ extraHTTPHeaders: { authorization: `Bearer ${createTokenWithCli(ADMIN.email)}` } });
  const bad = await admin.post("/api/v1/notification-channels", { data: { kind: "slack", name: "x", url: "ftp://example.com" } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.message).toContain("url");
  const unparsable = await admin.post("/api/v1/notification-channels", { data: { kind: "webhook", name: "x", url: "not a url" } });
  expect(unparsable.status()).toBe(400);
  expect((await unparsable.json()).error.message).toContain("Enter a URL such as https://hooks.example.com/…");
  const badKind = await admin.post("/api/v1/notification-channels", { data: { kind: "pager", name: "x" } });
  expect(badKind.status()).toBe(400);

  const name = `api-${randomUUID().slice(0, 6)}`;
  const created = await admin.post("/api/v1/notification-channels", { data: { kind: "webhook", name, url: "https://hooks.example.com/services/abcd1234" } });
  expect(created.status()).toBe(201);
  const channel = await created.json();
  expect(channel).toMatchObject({ name, kind: "webhook", enabled: true, minSeverity: "low", policyKeys: [], secretHint: "hooks.example.com/…/1234", hasSecret: true });
  expect(JSON.stringify(channel)).not.toContain("abcd1234");
  const taken = await admin.post("/api/v1/notification-channels", { data: { kind: "webhook", name, url: "https://hooks.example.com/other" } });
  expect(taken.status()).toBe(409);
  expect((await taken.json()).error.message).toBe(`A notification channel named "${name}" already exists`);

  const test202 = await admin.post(`/api/v1/notification-channels/${channel.id}/test`);
  expect(test202.status()).toBe(202);
  expect(await test202.json()).toMatchObject({ channelId: channel.id, kind: "test", status: "pending" });
  const deliveries = await admin.get(`/api/v1/notification-channels/${channel.id}/deliveries?limit=10`);
  expect((await deliveries.json()).data[0]).toMatchObject({ kind: "test" });
  expect((await admin.get(`/api/v1/notification-channels/${channel.id}/deliveries?status=nope`)).status()).toBe(400);

  const viewerEmail = uniqueEmail("viewer");
  expect((await admin.post("/api/v1/portal-users", { data: { name: "Viewer", email: viewerEmail, password: USER_PASSWORD, role: "viewer" } })).status()).toBe(201);
  const viewer = await playwright.request.newContext({ extraHTTPHeaders: { authorization: `Bearer ${createTokenWithCli(viewerEmail)}` } });
  expect((await viewer.get("/api/v1/notification-channels")).status()).toBe(403);
  expect((await viewer.post(`/api/v1/notification-channels/${channel.id}/test`)).status()).toBe(403);

  expect((await admin.delete(`/api/v1/notification-channels/${channel.id}`)).status()).toBe(204);
  expect((await admin.get(`/api/v1/notification-channels/${channel.id}`)).status()).toBe(404);
  await admin.dispose();
  await viewer.dispose();
});
