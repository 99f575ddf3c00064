// The /api/v1 request budget (issue 18, item 13): per API token and per signed-in user, 429 with Retry-After and a
// problem+json body past it. The shared e2e server runs with a budget no spec reaches (playwright.config.ts), so
// this spec starts a web of its own with a small one.
import { expect, test } from "@playwright/test";
import { startOwnWeb } from "../fixtures/own-web";
import { ADMIN, createTokenWithCli } from "../fixtures/env";

const LIMIT = 20;

/** `count` requests to /api/v1/me at once; the statuses, and each 429's Retry-After and body. */
const burst = async (origin: string, headers: Record<string, string>, count: number) => {
  const responses = await Promise.all(Array.from({ length: count }, () => fetch(`${origin}/api/v1/me`, { headers })));
  return Promise.all(
    responses.map(async (r) => ({ status: r.status, retryAfter: r.headers.get("retry-after"), type: r.headers.get("content-type"), body: (await r.json()) as { error?: { code?: string } } })),
  );
};

const expectLimitedAfter = (results: Awaited<ReturnType<typeof burst>>) => {
  const ok = results.filter((r) => r.status === 200).length;
  const limited = results.filter((r) => r.status === 429);
  // The bucket refills at LIMIT a minute (one every 3 s): a slow burst may get one more through.
  expect(ok).toBeGreaterThanOrEqual(LIMIT);
  expect(ok).toBeLessThanOrEqual(LIMIT + 2);
  expect(limited.length).toBe(results.length - ok);
  for (const r of limited) {
    expect(Number(r.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(r.type).toContain("application/problem+json");
    expect(r.body.error?.code).toBe("rate_limited");
  }
};

test("past WATCHPOST_API_RATE_LIMIT_PER_MINUTE, an API token and a signed-in user get 429 with Retry-After; others are not affected", async () => {
  test.setTimeout(150_000);
  const web = await startOwnWeb({ WATCHPOST_API_RATE_LIMIT_PER_MINUTE: String(LIMIT) });
  try {
    const [tokenA, tokenB] = [createTokenWithCli(ADMIN.email), createTokenWithCli(ADMIN.email)];
    // Warm up the route without credentials (not counted), so that the burst is not slowed by the first load.
    expect((await fetch(`${web.origin}/api/v1/me`)).status).toBe(401);
    expectLimitedAfter(await burst(web.origin, { authorization: `Bearer ${tokenA}` }, LIMIT + 10));
    // Another token of the same user has a budget of its own.
    expect((await fetch(`${web.origin}/api/v1/me`, { headers: { authorization: `Bearer ${tokenB}` } })).status).toBe(200);

    const csrf = await fetch(`${web.origin}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const signIn = await fetch(`${web.origin}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
      body: new URLSearchParams({ csrfToken, email: ADMIN.email, password: ADMIN.password, json: "true" }),
    });
    expect(signIn.status).toBe(200);
    const cookie = [csrfCookie, ...signIn.headers.getSetCookie().map((c) => c.split(";")[0])].join("; ");
    expectLimitedAfter(await burst(web.origin, { cookie }, LIMIT + 10));
  } finally {
    web.stop();
  }
});
