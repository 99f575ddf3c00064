import { describe, expect, it } from "vitest";
import { ZBaseUrl } from "./connectors";

describe("ZBaseUrl", () => {
  it("accepts https anywhere and plain http to a loopback IP literal (the simulator)", () => {
    for (const url of ["https://api.atlassian.com", "http://127.0.0.1:4010", "http://127.1.2.3:9", "http://[::1]:4010"]) {
      expect(ZBaseUrl.safeParse(url).success, url).toBe(true);
    }
  });

  it("refuses plain http to names that merely look like loopback", () => {
    for (const url of ["http://127.attacker.example", "http://127.0.0.1.nip.io:4010", "http://localhost:4010", "http://10.0.0.1"]) {
      expect(ZBaseUrl.safeParse(url).success, url).toBe(false);
    }
  });
});
