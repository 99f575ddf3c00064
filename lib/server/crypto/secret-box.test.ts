import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { associatedData, decryptLegacySecret, decryptSecret, encryptSecret, isLegacySecret, SecretBoxError } from "./secret-box";
import { bindSecret, CHANNEL_SECRET, CONNECTOR_API_KEY } from "./secret-columns";

const SECRET = "a".repeat(40);
const ROW = "0b6d3c52-6a8e-4f0e-9c3a-2d1f5e7a9b10";
const OTHER_ROW = "7f2e9a14-3c5b-4d8e-a1f0-6b9c2d4e8a37";
const KEY = bindSecret(CONNECTOR_API_KEY, ROW);
/** Made by the v1 secret box (before issue 18 item 16) with SECRET, purpose "atlassian-api-key". */
const V1_BOX = "v1:rrL4Qu9nrJN-kvkt2DmTGIwfR6Va6J96hYNYNzyXFOZmtY-B2Dq7CYO-g7nMLMeBBdI8";

describe("secret box (AES-256-GCM)", () => {
  it("round-trips and never shows the plaintext", () => {
    const box = encryptSecret("ATATT3xFfGF0-secret-key", SECRET, KEY);
    expect(box.startsWith("v2:")).toBe(true);
    expect(box).not.toContain("secret-key");
    expect(decryptSecret(box, SECRET, KEY)).toBe("ATATT3xFfGF0-secret-key");
  });

  it("uses a fresh nonce for every value", () => {
    expect(encryptSecret("same", SECRET, KEY)).not.toBe(encryptSecret("same", SECRET, KEY));
  });

  it("detects a wrong secret and tampering", () => {
    const box = encryptSecret("value", SECRET, KEY);
    expect(() => decryptSecret(box, "b".repeat(40), KEY)).toThrow(SecretBoxError);
    const raw = Buffer.from(box.slice(3), "base64url");
    raw[14] = (raw[14] ?? 0) ^ 1;
    expect(() => decryptSecret(`v2:${raw.toString("base64url")}`, SECRET, KEY)).toThrow(SecretBoxError);
    expect(() => decryptSecret("v0:abc", SECRET, KEY)).toThrow(SecretBoxError);
    expect(() => decryptSecret("v2:abc", SECRET, KEY)).toThrow(SecretBoxError);
    expect(() => decryptSecret(`${box}:x`, SECRET, KEY)).toThrow(SecretBoxError);
  });
});

describe("a secret box is bound to its table, column and row", () => {
  it("fails to decrypt when moved to another row of the same column", () => {
    const box = encryptSecret("ATATT-key-of-row-1", SECRET, KEY);
    expect(() => decryptSecret(box, SECRET, bindSecret(CONNECTOR_API_KEY, OTHER_ROW))).toThrow(SecretBoxError);
    expect(() => decryptSecret(box, SECRET, bindSecret(CONNECTOR_API_KEY, OTHER_ROW))).toThrow(/belongs to another row/);
    expect(decryptSecret(box, SECRET, KEY)).toBe("ATATT-key-of-row-1");
  });

  it("fails to decrypt when moved to another column or table, even with the same row id", () => {
    const box = encryptSecret('{"url":"https://hooks.slack.com/x"}', SECRET, bindSecret(CHANNEL_SECRET, ROW));
    expect(() => decryptSecret(box, SECRET, KEY)).toThrow(SecretBoxError);
    expect(() => decryptSecret(encryptSecret("k", SECRET, KEY), SECRET, bindSecret(CHANNEL_SECRET, ROW))).toThrow(SecretBoxError);
  });

  it("encodes (table, column, row id) so that no two triples share associated data", () => {
    const triples: [string, string, string][] = [
      ["connectors", "api_key_ciphertext", ROW],
      ["connectors.api", "key_ciphertext", ROW],
      ["connectors", "api_key_ciphertext.", ROW.slice(1)],
      ["connectors", "api_key_ciphertext" + ROW.slice(0, 4), ROW.slice(4)],
      ['a","b', "c", "d"],
      ["a", 'b","c', "d"],
      ["a", "b", 'c","d'],
      ["a\\", "b", "c"],
      ["a", "\\b", "c"],
    ];
    const encoded = triples.map((t) => associatedData(...t).toString("hex"));
    expect(new Set(encoded).size).toBe(triples.length);
  });

  it("refuses a row id that is not a lowercase uuid (a caller's bug, not a bad box)", () => {
    expect(() => encryptSecret("k", SECRET, bindSecret(CONNECTOR_API_KEY, ""))).toThrow(TypeError);
    expect(() => encryptSecret("k", SECRET, bindSecret(CONNECTOR_API_KEY, ROW.toUpperCase()))).toThrow(TypeError);
    expect(() => encryptSecret("k", SECRET, bindSecret(CONNECTOR_API_KEY, randomUUID()))).not.toThrow();
  });

  it("refuses an unbound v1 value; only the upgrade opens it", () => {
    expect(isLegacySecret(V1_BOX)).toBe(true);
    expect(() => decryptSecret(V1_BOX, SECRET, KEY)).toThrow(/unbound v1 format/);
    expect(decryptLegacySecret(V1_BOX, SECRET, CONNECTOR_API_KEY)).toBe("ATATT3xFfGF0-legacy-key");
    expect(() => decryptLegacySecret(V1_BOX, SECRET, CHANNEL_SECRET)).toThrow(SecretBoxError);
    expect(() => decryptLegacySecret(encryptSecret("k", SECRET, KEY), SECRET, CONNECTOR_API_KEY)).toThrow(SecretBoxError);
  });
});
