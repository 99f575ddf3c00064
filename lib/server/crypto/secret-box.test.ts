import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, SecretBoxError } from "./secret-box";

const SECRET = "a".repeat(40);

describe("secret box (AES-256-GCM)", () => {
  it("round-trips and never shows the plaintext", () => {
    const box = encryptSecret("ATATT3xFfGF0-secret-key", SECRET);
    expect(box.startsWith("v1:")).toBe(true);
    expect(box).not.toContain("secret-key");
    expect(decryptSecret(box, SECRET)).toBe("ATATT3xFfGF0-secret-key");
  });

  it("uses a fresh nonce for every value", () => {
    expect(encryptSecret("same", SECRET)).not.toBe(encryptSecret("same", SECRET));
  });

  it("detects a wrong secret, another purpose and tampering", () => {
    const box = encryptSecret("value", SECRET);
    expect(() => decryptSecret(box, "b".repeat(40))).toThrow(SecretBoxError);
    expect(() => decryptSecret(box, SECRET, "other-purpose")).toThrow(SecretBoxError);
    const raw = Buffer.from(box.slice(3), "base64url");
    raw[14] = (raw[14] ?? 0) ^ 1;
    expect(() => decryptSecret(`v1:${raw.toString("base64url")}`, SECRET)).toThrow(SecretBoxError);
    expect(() => decryptSecret("v0:abc", SECRET)).toThrow(SecretBoxError);
    expect(() => decryptSecret("v1:abc", SECRET)).toThrow(SecretBoxError);
  });
});
