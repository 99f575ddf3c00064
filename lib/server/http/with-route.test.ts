import { z } from "zod";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { defineRoute } from "../../shared/contracts/define-route";

const env = vi.hoisted(() => ({ WATCHPOST_CHECK_RESPONSES: true as boolean | undefined, NODE_ENV: "production", WATCHPOST_API_RATE_LIMIT_PER_MINUTE: 600 }));
vi.mock("../../env", () => ({ getEnv: () => env }));
vi.mock("../auth/current-principal", () => ({ getCurrentPrincipal: async () => null }));
vi.mock("../logger", () => ({ logger: { error: vi.fn(), warn: vi.fn(), info: vi.fn(), debug: vi.fn() } }));

const { withRoute } = await import("./with-route");
const { logger } = await import("../logger");

const contract = defineRoute({
  method: "GET",
  path: "/api/v1/things/{id}",
  summary: "A thing",
  tag: "Test",
  auth: "public",
  params: z.object({ id: z.string().min(2) }),
  response: z.object({ id: z.string(), at: z.string() }),
});
const deleted = defineRoute({ method: "DELETE", path: "/api/v1/things/{id}", summary: "Delete", tag: "Test", auth: "public", status: 204 });

const call = (handler: ReturnType<typeof withRoute>, id = "ab") =>
  handler(new Request(`http://localhost/api/v1/things/${id}`, { method: "GET" }), { params: Promise.resolve({ id }) });

describe("withRoute", () => {
  beforeEach(() => {
    env.WATCHPOST_CHECK_RESPONSES = true;
    env.NODE_ENV = "production";
  });
  afterEach(() => vi.clearAllMocks());

  it("attaches its contract and parses params from it", async () => {
    const route = withRoute(contract, async ({ params }) => ({ id: params.id, at: "2026-01-01T00:00:00.000Z" }));
    expect(route.contract).toBe(contract);
    expect((await call(route, "x")).status).toBe(400);
  });

  it("sends the handler's result unchanged when it matches (a Date becomes its ISO string)", async () => {
    const route = withRoute(contract, async ({ params }) => ({ id: params.id, at: new Date("2026-01-01T00:00:00Z") }));
    const response = await call(route);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: "ab", at: "2026-01-01T00:00:00.000Z" });
  });

  it("answers 500 internal and logs the issues when the result breaks the contract", async () => {
    // A key the schema does not name: zod would strip it silently, the check refuses it.
    const route = withRoute(contract, async () => ({ id: "ab", at: "now", secret: "s" }) as { id: string; at: string });
    const response = await call(route);
    expect(response.status).toBe(500);
    expect(((await response.json()) as { code: string }).code).toBe("internal");
    expect(vi.mocked(logger.error).mock.calls[0]?.[0]).toMatchObject({ breaches: ["secret: not in the response schema"] });
  });

  it("checks the JSON of a Response the handler builds itself", async () => {
    const route = withRoute(contract, async () => Response.json({ id: 1 }, { status: 503 }));
    expect((await call(route)).status).toBe(500);
  });

  it("does not check in production unless WATCHPOST_CHECK_RESPONSES=1", async () => {
    env.WATCHPOST_CHECK_RESPONSES = undefined;
    const route = withRoute(contract, async () => ({ id: "ab", at: "now", secret: "s" }) as { id: string; at: string });
    expect((await call(route)).status).toBe(200);
  });

  it("checks outside production by default", async () => {
    env.WATCHPOST_CHECK_RESPONSES = undefined;
    env.NODE_ENV = "development";
    const route = withRoute(contract, async () => ({ id: "ab", at: "now", secret: "s" }) as { id: string; at: string });
    expect((await call(route)).status).toBe(500);
  });

  it("answers an empty 204 for a contract with status 204", async () => {
    const route = withRoute(deleted, async () => undefined);
    const response = await route(new Request("http://localhost/api/v1/things/ab", { method: "DELETE", headers: { "sec-fetch-site": "same-origin", "content-type": "application/json" } }), {
      params: Promise.resolve({ id: "ab" }),
    });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe("");
  });
});
