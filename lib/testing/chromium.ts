import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const DEBIAN_CHROMIUM = "/usr/bin/chromium";

/** Where Playwright finds Chromium: PLAYWRIGHT_CHROMIUM_EXECUTABLE, else Debian's, else Playwright's own if installed. */
export const findChromium = async (): Promise<string | null> => {
  const fromEnv = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  try {
    const { chromium } = await import("@playwright/test");
    const own = chromium.executablePath();
    return own && existsSync(own) ? own : null;
  } catch {
    return null;
  }
};

const isDebianLike = () => existsSync("/etc/debian_version");

/** Makes sure a Chromium exists; on Debian/Ubuntu as root it installs the `chromium` package. */
export const ensureChromium = async (log: (line: string) => void): Promise<string> => {
  const found = await findChromium();
  if (found) return found;
  if (process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE) {
    throw new Error(`PLAYWRIGHT_CHROMIUM_EXECUTABLE points to ${process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE}, which does not exist`);
  }
  if (process.getuid?.() !== 0 || !isDebianLike()) {
    throw new Error("No Chromium found: install it (Debian/Ubuntu: sudo apt-get install -y chromium) or set PLAYWRIGHT_CHROMIUM_EXECUTABLE");
  }
  log("No Chromium found: installing Debian's chromium package with apt-get (needed by the Playwright tests)…");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "chromium"], { stdio: "inherit", env });
  if (!existsSync(DEBIAN_CHROMIUM)) throw new Error("apt-get finished but /usr/bin/chromium is missing");
  return DEBIAN_CHROMIUM;
};
