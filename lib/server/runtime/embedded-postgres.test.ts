import { describe, expect, it } from "vitest";
import { postgresMemorySettings } from "./embedded-postgres";

const GB = 1024 ** 3;

describe("postgresMemorySettings (the embedded server's shared_buffers and effective_cache_size)", () => {
  it("takes a quarter of the memory for shared buffers and half as the planner's cache estimate", () => {
    expect(postgresMemorySettings(4 * GB, {})).toEqual({ sharedBuffers: "1024MB", effectiveCacheSize: "2048MB" });
  });

  it("keeps shared buffers between 128 MB and 2 GB", () => {
    expect(postgresMemorySettings(24 * GB, {})).toEqual({ sharedBuffers: "2048MB", effectiveCacheSize: "12288MB" });
    expect(postgresMemorySettings(GB / 4, {})).toEqual({ sharedBuffers: "128MB", effectiveCacheSize: "128MB" });
  });

  it("takes either setting from the environment, in PostgreSQL's units", () => {
    expect(postgresMemorySettings(24 * GB, { WATCHPOST_PG_SHARED_BUFFERS: "4GB" })).toEqual({ sharedBuffers: "4GB", effectiveCacheSize: "12288MB" });
    expect(postgresMemorySettings(24 * GB, { WATCHPOST_PG_SHARED_BUFFERS: " 256 MB ", WATCHPOST_PG_EFFECTIVE_CACHE_SIZE: "1GB" })).toEqual({
      sharedBuffers: "256MB",
      effectiveCacheSize: "1GB",
    });
    expect(postgresMemorySettings(24 * GB, { WATCHPOST_PG_SHARED_BUFFERS: "" }).sharedBuffers).toBe("2048MB");
  });

  it("refuses a size without a unit or with a wrong one, naming the variable", () => {
    expect(() => postgresMemorySettings(GB, { WATCHPOST_PG_SHARED_BUFFERS: "512" })).toThrow(/WATCHPOST_PG_SHARED_BUFFERS must be a PostgreSQL memory size/);
    expect(() => postgresMemorySettings(GB, { WATCHPOST_PG_EFFECTIVE_CACHE_SIZE: "4gb" })).toThrow(/WATCHPOST_PG_EFFECTIVE_CACHE_SIZE/);
    expect(() => postgresMemorySettings(GB, { WATCHPOST_PG_SHARED_BUFFERS: "0MB" })).toThrow(/WATCHPOST_PG_SHARED_BUFFERS/);
  });
});
