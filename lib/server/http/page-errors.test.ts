import { describe, expect, it, vi } from "vitest";
import { AppError } from "../../shared/errors";

// Next's interrupts throw special errors; here they throw markers the test can tell apart.
vi.mock("next/navigation", () => ({
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
  forbidden: () => {
    throw new Error("NEXT_FORBIDDEN");
  },
}));

const { orPageError } = await import("./page-errors");

describe("orPageError", () => {
  it("passes a successful read through", async () => {
    await expect(orPageError(Promise.resolve(42))).resolves.toBe(42);
  });

  it("turns not_found into notFound() and forbidden into forbidden()", async () => {
    await expect(orPageError(Promise.reject(new AppError("not_found", "Policy not found")))).rejects.toThrow("NEXT_NOT_FOUND");
    await expect(orPageError(Promise.reject(new AppError("forbidden", "No")))).rejects.toThrow("NEXT_FORBIDDEN");
  });

  it("rethrows every other error unchanged (no blanket 404)", async () => {
    const conflict = new AppError("conflict", "Already exists");
    await expect(orPageError(Promise.reject(conflict))).rejects.toBe(conflict);
    const crash = new Error("database down");
    await expect(orPageError(Promise.reject(crash))).rejects.toBe(crash);
  });
});
