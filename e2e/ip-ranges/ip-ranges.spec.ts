import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { ADMIN, ADMIN_STATE, createTokenWithCli } from "../fixtures/env";

const SHOTS = process.env.E2E_SCREENSHOTS ?? "test-results/screens";

test("admin creates an IP range in Settings: a bad CIDR is a form error, a good one is listed, then deleted", async ({ browser }) => {
  const context = await browser.newContext({ storageState: ADMIN_STATE });
  const page = await context.newPage();
  await page.goto("/settings/ip-ranges");
  await expect(page.getByRole("heading", { name: "IP ranges", level: 1 })).toBeVisible();
  await expect(page.getByTestId("threat-list-tor")).toContainText("Built-in");

  const name = `Office ${randomUUID().slice(0, 6)}`;
  const octet = Math.floor(Math.random() * 200) + 20;
  await page.getByRole("button", { name: "New IP range" }).click();
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("CIDRs").fill(`10.${octet}.0.0/16\n10.${octet}.300.0/24`);
  await page.getByLabel("Tags").fill("office");
  await page.getByRole("button", { name: "Create range" }).click();
  await expect(page.getByText(`Invalid CIDR "10.${octet}.300.0/24"`)).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/ip-range-form-error.png`, fullPage: true });

  await page.getByLabel("CIDRs").fill(`10.${octet}.0.0/16\n2001:db8:${octet.toString(16)}::/48`);
  await page.getByLabel("Country code").fill("GB");
  await page.getByLabel("City").fill("London");
  await page.getByRole("button", { name: "Create range" }).click();
  const row = page.getByTestId(`ip-range-${name}`);
  await expect(row).toContainText(`10.${octet}.0.0/16`);
  await expect(row).toContainText("London, GB");
  await page.screenshot({ path: `${SHOTS}/ip-ranges-list.png`, fullPage: true });

  // An overlapping range is refused by the server, under the CIDRs field.
  await page.getByRole("button", { name: "New IP range" }).click();
  await page.getByLabel("Name").fill(`${name} overlap`);
  await page.getByLabel("CIDRs").fill(`10.${octet}.5.0/24`);
  await page.getByRole("button", { name: "Create range" }).click();
  await expect(page.getByText(`overlaps 10.${octet}.0.0/16 of the range "${name}"`)).toBeVisible();
  await page.getByRole("button", { name: "Cancel" }).click();

  await row.getByRole("button", { name: `Delete ${name}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete range" }).click();
  await expect(row).toHaveCount(0);
  await context.close();
});

test("IP range API: 400s for a bad CIDR, an unknown tag and an overlap; viewers read only", async ({ playwright }) => {
  const admin = await playwright.request.newContext({ extraHTTPHeaders: { authorization: `Bearer ${createTokenWithCli(ADMIN.email)}` } });
  const badCidr = await admin.post("/api/v1/ip-ranges", { data: { name: "Bad", cidrs: ["10.0.0.0/33"], category: "corporate", tags: [] } });
  expect(badCidr.status()).toBe(400);
  expect((await badCidr.json()).error.message).toContain('Invalid CIDR "10.0.0.0/33"');
  const badTag = await admin.post("/api/v1/ip-ranges", { data: { name: "Bad", cidrs: ["10.1.0.0/16"], category: "corporate", tags: ["evil"] } });
  expect(badTag.status()).toBe(400);
  expect((await badTag.json()).error.message).toContain('Unknown tag "evil"');
  const inBody = await admin.post("/api/v1/ip-ranges", { data: { name: "Bad", cidrs: ["10.2.0.0/16", "10.2.3.0/24"], category: "vpn" } });
  expect(inBody.status()).toBe(400);

  const name = `api-${randomUUID().slice(0, 6)}`;
  const created = await admin.post("/api/v1/ip-ranges", { data: { name, cidrs: ["2001:DB8:ab::1/48"], category: "vpn", tags: [] } });
  expect(created.status()).toBe(201);
  const range = await created.json();
  expect(range.cidrs).toEqual(["2001:db8:ab::/48"]);
  const overlap = await admin.post("/api/v1/ip-ranges", { data: { name: `${name}-2`, cidrs: ["2001:db8:ab:cd::/64"], category: "vpn" } });
  expect(overlap.status()).toBe(400);
  expect((await overlap.json()).error.message).toMatch(/overlaps 2001:db8:ab::\/48/);
  expect((await admin.patch(`/api/v1/ip-ranges/${range.id}`, { data: { category: "nope" } })).status()).toBe(400);
  expect((await admin.delete(`/api/v1/ip-ranges/${range.id}`)).status()).toBe(204);
  expect((await admin.delete(`/api/v1/ip-ranges/${range.id}`)).status()).toBe(404);
});

test("the threat-list upload checks the file in the form (errors under List file), uploads a good one, and goes back to the built-in list", async ({ browser }) => {
  const context = await browser.newContext({ storageState: ADMIN_STATE });
  const page = await context.newPage();
  await page.goto("/settings/ip-ranges");
  const form = page.getByRole("form", { name: "Upload threat list" });
  // "spam": a tag no other spec's detections depend on.
  await form.getByLabel("Tag").selectOption("spam");
  await form.getByRole("button", { name: "Upload list" }).click();
  await expect(form.getByText("Choose a list file (one CIDR or address per line)")).toBeVisible();
  await expect(form.getByLabel("List file")).toHaveAttribute("aria-invalid", "true");

  await form.getByLabel("List file").setInputFiles({ name: "spam.txt", mimeType: "text/plain", buffer: Buffer.from("# source: e2e\n203.0.113.0/24\nnot-an-address\n") });
  await form.getByRole("button", { name: "Upload list" }).click();
  await expect(form.getByText("Line 3 is not a CIDR or address: “not-an-address”")).toBeVisible();

  await form.getByLabel("List file").setInputFiles({ name: "spam.txt", mimeType: "text/plain", buffer: Buffer.from("# source: e2e spam list\n203.0.113.0/24\n198.51.100.7\n") });
  await form.getByRole("button", { name: "Upload list" }).click();
  await expect(form.getByText("List uploaded: the worker uses it within seconds.")).toBeVisible();
  const row = page.getByTestId("threat-list-spam");
  await expect(row).toContainText("Uploaded");
  await expect(row).toContainText("e2e spam list");
  await row.getByRole("button", { name: "Use the built-in spam list" }).click();
  await expect(row).not.toContainText("Uploaded");
  await context.close();
});
