import { spawn } from "node:child_process";
import path from "node:path";

/** `prisma migrate deploy` on the WASM engine (prisma.config.ts); rejects with the CLI's error lines. */
export const migrateDeploy = (options: Readonly<{ databaseUrl: string; cwd?: string }>): Promise<string> =>
  new Promise((resolve, reject) => {
    const cwd = options.cwd ?? process.cwd();
    const child = spawn(path.join(cwd, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
      cwd,
      env: { ...process.env, DATABASE_URL: options.databaseUrl },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`prisma migrate deploy failed: ${output.split("\n").filter((l) => /error/i.test(l)).join(" ") || output.trim().slice(-500)}`));
    });
  });
