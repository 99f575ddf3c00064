import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findSecrets } from "./find-secrets";

describe("findSecrets (e2e leak check)", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "leak-"));
  const key = "key-0b8f1c9e-6d2a-4c55-9f0e-3a7b2c1d4e5f";
  const secret = "s3cr3t+value/with=chars-0123456789";

  it("finds raw, URL-encoded and base64 forms, and shows only a prefix of the secret", () => {
    const log = path.join(dir, "server.log");
    writeFileSync(log, `{"msg":"calling","apiKey":"${key}"}\nGET /x?s=${encodeURIComponent(secret)}\n${Buffer.from(secret).toString("base64")}\n`);
    const hits = findSecrets([log], [
      { label: "simulator API key", value: key },
      { label: "WATCHPOST_SECRET", value: secret },
    ]);
    expect(hits.map((h) => h.label).sort()).toEqual(["WATCHPOST_SECRET", "WATCHPOST_SECRET", "simulator API key"]);
    for (const hit of hits) {
      expect(hit.context).not.toContain(key);
      expect(hit.preview).toHaveLength(5);
    }
  });

  it("reports nothing for clean files and ignores too-short values", () => {
    const clean = path.join(dir, "responses.log");
    writeFileSync(clean, '{"apiKeyLast4":"4e5f","detail":"key invalid"}\nshort\n');
    expect(findSecrets([clean], [{ label: "simulator API key", value: key }, { label: "x", value: "short" }])).toEqual([]);
  });
});
