// Sign-in abuse (issue 18, items 1-3 and 5): bodies capped before next-auth, attempts reserved before the
// password check, the client IP taken from the trusted end of X-Forwarded-For, no open redirect after sign-in.
import http from "node:http";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { pidListeningOn, rssBytes } from "../fixtures/process-by-port";
import { uniqueEmail, uniqueIp, USER_PASSWORD } from "../fixtures/env";
import { adminPrincipal, baseUrl, disposePrincipals, type TPrincipal } from "./principals";

const MB = 1024 * 1024;
const CALLBACK = "/api/auth/callback/credentials";

let admin: TPrincipal | undefined;
test.beforeAll(async ({ playwright }) => {
  admin = await adminPrincipal(playwright);
});
test.afterAll(async () => disposePrincipals(admin));

const createViewer = async (): Promise<string> => {
  const email = uniqueEmail("sign-in-abuse");
  const created = await admin!.api.post("/api/v1/portal-users", { data: { name: "Sign-in abuse", email, password: USER_PASSWORD, role: "viewer" } });
  expect(created.status(), await created.text()).toBe(201);
  return email;
};

/** POSTs `size` bytes of form body to the credentials callback, declared in Content-Length or chunked; the status. */
const postHugeForm = (size: number, isChunked: boolean): Promise<number> =>
  new Promise((resolve, reject) => {
    const url = new URL(CALLBACK, baseUrl());
    const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": uniqueIp() };
    if (!isChunked) headers["content-length"] = String(size);
    const req = http.request(url, { method: "POST", headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    // The server answers and stops reading long before the end: a write error after the answer is expected.
    req.on("error", (error) => setTimeout(() => reject(error), 2_000));
    const chunk = Buffer.alloc(MB, "a");
    let sent = 0;
    const pump = () => {
      while (sent < size) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      req.end();
    };
    req.write("email=");
    pump();
  });

test("a 50 MB sign-in post gets 413 and the web process stays within 50 MB of its RSS", async ({ playwright }) => {
  const port = Number(new URL(baseUrl()).port);
  const pid = pidListeningOn(port);
  expect(pid, `a process listening on port ${port}`).not.toBeNull();
  // Warm up: the route is loaded and compiled before the baseline is taken.
  const warm = await playwright.request.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueIp() } });
  await warm.post(CALLBACK, { form: { email: "warm@e2e.test", password: "x" }, maxRedirects: 0 });
  const before = rssBytes(pid!);

  expect(await postHugeForm(50 * MB, false)).toBe(413);
  expect(await postHugeForm(50 * MB, true)).toBe(413);
  const after = rssBytes(pid!);
  expect(after - before, `RSS grew from ${Math.round(before / MB)} MB to ${Math.round(after / MB)} MB`).toBeLessThan(50 * MB);

  // Only urlencoded forms: next-auth would read a JSON body whole as well.
  const json = await warm.post(CALLBACK, { data: { email: "warm@e2e.test" }, maxRedirects: 0 });
  expect(json.status()).toBe(415);
  await warm.dispose();
});

const signInAttempt = async (client: APIRequestContext, email: string, password: string) => {
  const { csrfToken } = (await (await client.get("/api/auth/csrf")).json()) as { csrfToken: string };
  return client.post(CALLBACK, { form: { csrfToken, email, password, json: "true" }, maxRedirects: 0 });
};

const hasSessionCookie = (headers: { name: string; value: string }[]) =>
  headers.some((h) => h.name.toLowerCase() === "set-cookie" && /next-auth\.session-token=[^;]+/.test(h.value));

test("40 concurrent guesses against one account: at most 5 are evaluated, the rest get 429, the right password no session", async ({ playwright }) => {
  const email = await createViewer();
  // Each guess from its own IP and its own cookie jar: only the per-email limit stands in the way.
  const clients = await Promise.all(Array.from({ length: 40 }, () => playwright.request.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueIp() } })));
  const tokens = await Promise.all(clients.map(async (c) => ((await (await c.get("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken));
  const responses = await Promise.all(
    clients.map((client, i) =>
      client.post(CALLBACK, { form: { csrfToken: tokens[i]!, email, password: i === 35 ? USER_PASSWORD : `wrong-guess-${i}`, json: "true" }, maxRedirects: 0 }),
    ),
  );
  const statuses = responses.map((r) => r.status());
  const evaluated = statuses.filter((s) => s !== 429);
  expect(evaluated.length, `statuses: ${statuses.join(",")}`).toBeLessThanOrEqual(5);
  expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(35);
  for (const response of responses.filter((r) => r.status() === 429)) {
    expect(Number(response.headers()["retry-after"])).toBeGreaterThan(0);
    expect(hasSessionCookie(response.headersArray())).toBe(false);
  }
  // Once throttled, the right password gets no session either.
  const again = await signInAttempt(clients[0]!, email, USER_PASSWORD);
  expect(again.status()).toBe(429);
  expect(hasSessionCookie(again.headersArray())).toBe(false);
  await Promise.all(clients.map((c) => c.dispose()));
});

test("behind one trusted proxy, the client IP is the right-most X-Forwarded-For value, not a spoofed left-most one", async ({ playwright }) => {
  const proxySaw = uniqueIp();
  // A different email and a different forged left-most value each time: only the real IP's counter can throttle.
  const attempt = async () => {
    const client = await playwright.request.newContext({ extraHTTPHeaders: { "x-forwarded-for": `${uniqueIp()}, ${proxySaw}` } });
    const status = (await signInAttempt(client, uniqueEmail("spoof"), "wrong-password")).status();
    await client.dispose();
    return status;
  };
  for (let i = 0; i < 5; i++) expect(await attempt()).toBe(401);
  expect(await attempt()).toBe(429);
});

test("sign-in with callbackUrl=/\\evil.example/phish stays on the portal", async ({ page }) => {
  const email = await createViewer();
  await page.route((url) => url.hostname.endsWith("evil.example"), (route) => route.abort());
  await page.goto("/login?callbackUrl=%2F%5Cevil.example%2Fphish");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(USER_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  expect(new URL(page.url()).origin).toBe(new URL(baseUrl()).origin);
  expect(page.url()).not.toContain("evil.example");
});

test("?error= shows only known codes' texts, never the raw parameter", async ({ page }) => {
  const forged = "Your account is locked. Call +1 555 0100 to unlock it";
  await page.goto(`/login?error=${encodeURIComponent(forged)}`);
  await expect(page.getByText("Sign-in failed. Try again.")).toBeVisible();
  await expect(page.getByText(forged)).toHaveCount(0);
  await page.goto("/login?error=CredentialsSignin");
  await expect(page.getByText("Invalid email or password")).toBeVisible();
});
