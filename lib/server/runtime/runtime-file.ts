import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Written by `npm start` so that `npm run cli` can reach the embedded database of a running instance. */
export type RuntimeInfo = Readonly<{ databaseUrl: string; url: string; pid: number }>;

const fileOf = (dataDir: string) => path.join(dataDir, "runtime.json");

export const writeRuntimeInfo = (dataDir: string, info: RuntimeInfo): void =>
  writeFileSync(fileOf(dataDir), JSON.stringify(info), { mode: 0o600 });

export const removeRuntimeInfo = (dataDir: string): void => rmSync(fileOf(dataDir), { force: true });

/** The running instance's info, or null when none runs (a stale file of a dead process counts as none). */
export const readRuntimeInfo = (dataDir: string): RuntimeInfo | null => {
  if (!existsSync(fileOf(dataDir))) return null;
  const info = JSON.parse(readFileSync(fileOf(dataDir), "utf8")) as RuntimeInfo;
  try {
    process.kill(info.pid, 0);
    return info;
  } catch {
    return null;
  }
};
