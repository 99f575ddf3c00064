import { existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { consumeSetupCode, isSetupCodeValid, issueSetupCode } from "./setup-code";

const freshDir = () => mkdtempSync(path.join(tmpdir(), "setup-code-"));

describe("setup code", () => {
  it("accepts the issued code, typed with or without dashes and in any case, and nothing else", () => {
    const dir = freshDir();
    const code = issueSetupCode(dir);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(isSetupCodeValid(dir, code)).toBe(true);
    expect(isSetupCodeValid(dir, code.replace(/-/g, "").toLowerCase())).toBe(true);
    expect(isSetupCodeValid(dir, `${code}0`)).toBe(false);
    expect(isSetupCodeValid(dir, "")).toBe(false);
    expect(isSetupCodeValid(dir, undefined)).toBe(false);
  });

  it("keeps only a hash, readable by the owner only", () => {
    const dir = freshDir();
    const code = issueSetupCode(dir);
    const stored = readFileSync(path.join(dir, "setup-code"), "utf8");
    expect(stored).not.toContain(code.replace(/-/g, ""));
    expect(stored.trim()).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(path.join(dir, "setup-code")).mode & 0o777).toBe(0o600);
  });

  it("is single use and replaced by a new issue; none issued means none valid", () => {
    const dir = freshDir();
    expect(isSetupCodeValid(dir, "ANYTHING")).toBe(false);
    const first = issueSetupCode(dir);
    const second = issueSetupCode(dir);
    expect(isSetupCodeValid(dir, first)).toBe(false);
    expect(isSetupCodeValid(dir, second)).toBe(true);
    consumeSetupCode(dir);
    expect(existsSync(path.join(dir, "setup-code"))).toBe(false);
    expect(isSetupCodeValid(dir, second)).toBe(false);
  });
});
