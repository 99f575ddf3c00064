import { describe, expect, it } from "vitest";
import { ZAuditQuery } from "./audit";

describe("audit log query", () => {
  it("takes a cursor only within PostgreSQL's bigint", () => {
    expect(ZAuditQuery.safeParse({ cursor: "9223372036854775807" }).success).toBe(true);
    for (const cursor of ["9223372036854775808", "9999999999999999999", "12345678901234567890", "x", "-1"]) {
      expect(ZAuditQuery.safeParse({ cursor }).success, cursor).toBe(false);
    }
  });
});
