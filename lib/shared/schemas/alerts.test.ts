import { describe, expect, it } from "vitest";
import { ZAlertListQuery } from "./alerts";

describe("GET /api/v1/alerts query", () => {
  it("takes lists, defaults the limit and refuses bad filters", () => {
    expect(ZAlertListQuery.parse({ status: "open,in_progress", severity: ["high", "low"] })).toMatchObject({ status: ["open", "in_progress"], severity: ["high", "low"], limit: 50 });
    expect(ZAlertListQuery.safeParse({ status: "closed" }).success).toBe(false);
    expect(ZAlertListQuery.safeParse({ severity: "critical" }).success).toBe(false);
    expect(ZAlertListQuery.safeParse({ policyKey: "Impossible travel" }).success).toBe(false);
    expect(ZAlertListQuery.safeParse({ connectorId: "x" }).success).toBe(false);
    expect(ZAlertListQuery.safeParse({ from: "yesterday" }).success).toBe(false);
    expect(ZAlertListQuery.safeParse({ from: "2026-02-01T00:00:00Z", to: "2026-01-01T00:00:00Z" }).success).toBe(false);
    expect(ZAlertListQuery.safeParse({ limit: "500" }).success).toBe(false);
    expect(ZAlertListQuery.safeParse({ colour: "red" }).success).toBe(false);
    expect(ZAlertListQuery.parse({ policyKey: "custom:0b6f7f0e-5c1a-4a43-9d64-2f8b0a6c1e11", user: "ada@acme.com" }).policyKey).toBe("custom:0b6f7f0e-5c1a-4a43-9d64-2f8b0a6c1e11");
  });
});
