import { spawnSync } from "node:child_process";
import path from "node:path";
import { computeBuildFingerprint, isBuildCurrent, writeBuildStamp } from "./build-stamp";

/** Runs `next build` unless the last build matches the sources. Returns false when the build fails. */
export const ensureBuild = (log: (line: string) => void, cwd = process.cwd()): boolean => {
  if (isBuildCurrent(cwd)) return true;
  log("building the web app (first start, or sources changed)…");
  const fingerprint = computeBuildFingerprint(cwd);
  const build = spawnSync(path.join(cwd, "node_modules", ".bin", "next"), ["build"], {
    cwd,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
  });
  if (build.status !== 0) return false;
  writeBuildStamp(cwd, fingerprint);
  return true;
};
