import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createSecureContext } from "node:tls";
import { expect, test } from "@playwright/test";
import { createDeviceCa } from "../../lib/devices/certificates";
import { ADMIN_STATE } from "../fixtures/env";

// Issue 21: Settings → Devices. Issue a device certificate (downloaded once as PKCS#12), revoke it; trust an
// uploaded CA, refuse garbage, remove it.

test("issue a device certificate as a .p12 that opens with its passphrase, then revoke it", async ({ browser }) => {
  const context = await browser.newContext({ storageState: ADMIN_STATE });
  const page = await context.newPage();
  await page.goto("/settings/devices");
  await expect(page.getByRole("heading", { name: "Devices", level: 1 })).toBeVisible();
  // Watchpost's own CA exists from the first visit and its PEM is downloadable.
  const watchpostCa = page.getByTestId("device-ca").filter({ hasText: "Watchpost device CA" });
  await expect(watchpostCa).toBeVisible();
  const [pemDownload] = await Promise.all([page.waitForEvent("download"), watchpostCa.getByRole("link", { name: "Download PEM" }).click()]);
  expect(await readFile((await pemDownload.path()) ?? "", "utf8")).toMatch(/^-----BEGIN CERTIFICATE-----/);

  const name = `laptop-${randomUUID().slice(0, 6)}`;
  const form = page.getByRole("form", { name: "Issue certificate" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Expires").selectOption("90");
  await form.getByLabel("Passphrase").fill("short");
  await form.getByRole("button", { name: "Issue certificate" }).click();
  await expect(form.getByText("Passphrase must be at least 8 characters")).toBeVisible();

  await form.getByLabel("Passphrase").fill("device passphrase");
  const [download] = await Promise.all([page.waitForEvent("download"), form.getByRole("button", { name: "Issue certificate" }).click()]);
  expect(download.suggestedFilename()).toBe(`${name}.p12`);
  const pfx = await readFile((await download.path()) ?? "");
  expect(() => createSecureContext({ pfx, passphrase: "device passphrase" })).not.toThrow();
  expect(() => createSecureContext({ pfx, passphrase: "another passphrase" })).toThrow();

  const row = page.getByTestId("device-certificate").filter({ hasText: name });
  await expect(row).toContainText(`CN=${name}`);
  await expect(row).toContainText("Active");
  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Revoke “${name}”?` });
  await dialog.getByRole("button", { name: "Revoke" }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText("Revoked");
  await expect(row.getByRole("button", { name: `Revoke ${name}` })).toHaveCount(0);
  await context.close();
});

test("upload a CA: garbage is refused with the reason, a real CA is trusted and can be removed", async ({ browser }) => {
  const context = await browser.newContext({ storageState: ADMIN_STATE });
  const page = await context.newPage();
  await page.goto("/settings/devices");
  const form = page.getByRole("form", { name: "Upload CA" });
  const pem = form.getByLabel("CA certificate (PEM)");
  await pem.fill("this is not a certificate");
  await form.getByRole("button", { name: "Upload CA" }).click();
  await expect(form.getByText("Not a PEM certificate: paste text that starts with -----BEGIN CERTIFICATE-----")).toBeVisible();
  await expect(pem).toHaveAttribute("aria-invalid", "true");

  const caName = `Acme Device CA ${randomUUID().slice(0, 6)}`;
  await pem.fill(createDeviceCa({ commonName: caName, now: new Date() }).certPem);
  await form.getByRole("button", { name: "Upload CA" }).click();
  await expect(form.getByText(`CA “${caName}” is now trusted for device certificates.`)).toBeVisible();
  const row = page.getByTestId("device-ca").filter({ hasText: caName });
  await expect(row).toContainText("Uploaded");
  await row.getByRole("button", { name: `Remove ${caName}` }).click();
  await page.getByRole("dialog", { name: `Remove “${caName}”?` }).getByRole("button", { name: "Remove" }).click();
  await expect(row).toHaveCount(0);
  await context.close();
});
