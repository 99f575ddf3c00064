// Playwright globalTeardown (playwright.config.ts): after every e2e run, whole or partial, search the
// server's log (stdout+stderr of `npm start`, tee'd to <data>/server.log) and every response body the web
// process sent (<data>/responses.log, recorded by scripts/web.ts) for the secrets the suite handled: each
// API key the specs' simulators issued (<data>/simulator-keys.txt) and WATCHPOST_SECRET. Any hit fails
// the run. See docs/security.md.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { findSecrets, type TSecret } from "../../lib/testing/find-secrets";

const dataDir = path.resolve(process.env.E2E_DATA_DIR ?? ".data/e2e");

const collectSecrets = (): TSecret[] => {
  const secrets: TSecret[] = [];
  const keyFile = process.env.WATCHPOST_SIM_KEY_LOG ?? path.join(dataDir, "simulator-keys.txt");
  if (existsSync(keyFile)) {
    for (const key of new Set(readFileSync(keyFile, "utf8").split("\n").map((k) => k.trim()).filter(Boolean))) {
      secrets.push({ label: "simulator API key", value: key });
    }
  }
  const secretFile = path.join(dataDir, "secret");
  const secret = process.env.WATCHPOST_SECRET || (existsSync(secretFile) ? readFileSync(secretFile, "utf8").trim() : "");
  if (secret) secrets.push({ label: "WATCHPOST_SECRET", value: secret });
  return secrets;
};

/** Every log the run left in the data dir (server.log, responses.log, any other *.log). */
const logFiles = (): string[] => {
  if (!existsSync(dataDir)) return [];
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== "pg") walk(full);
      else if (entry.isFile() && entry.name.endsWith(".log")) out.push(full);
    }
  };
  walk(dataDir);
  return out;
};

export default async function leakCheck(): Promise<void> {
  const files = logFiles();
  if (!files.some((f) => f.endsWith("server.log"))) {
    console.log(`leak check: no server log in ${dataDir} (the web server did not start); nothing to search`);
    return;
  }
  const secrets = collectSecrets();
  const started = Date.now();
  const hits = findSecrets(files, secrets);
  const megabytes = files.reduce((n, f) => n + statSync(f).size, 0) / 1e6;
  const report = { files: files.map((f) => path.relative(process.cwd(), f)), megabytes: Number(megabytes.toFixed(1)), secrets: secrets.length, hits };
  writeFileSync(path.join(dataDir, "leak-check.json"), JSON.stringify(report, null, 2));
  if (hits.length) {
    throw new Error(
      `leak check: ${hits.length} secret(s) found in logs or API responses:\n` +
        hits.map((h) => `  ${h.label} ${h.preview} in ${path.relative(process.cwd(), h.file)} at byte ${h.offset}: …${h.context}…`).join("\n"),
    );
  }
  console.log(`leak check: ${secrets.length} secrets (simulator API keys + WATCHPOST_SECRET) not found in ${files.length} files, ${megabytes.toFixed(1)} MB (${Date.now() - started} ms)`);
}
