// npm run lock:fix – after `npm install`, run this before committing package-lock.json.
// The registry mirror here lacks some other-platform binaries (e.g. @next/swc-darwin-arm64 of our Next
// version). npm then leaves them out of the lock, and `npm ci` refuses the lock as "out of sync". This
// adds an entry for every optional dependency the lock names but does not hold, marked optional and
// limited to its platform, so `npm ci` on Linux accepts the lock and skips them without downloading.
import { readFileSync, writeFileSync } from "node:fs";

const LOCK = "package-lock.json";
const lock = JSON.parse(readFileSync(LOCK, "utf8"));
const packages = lock.packages;

const OS = ["darwin", "win32", "android", "freebsd", "openharmony", "linux", "sunos", "aix", "netbsd", "openbsd"];
const CPU = { arm64: "arm64", x64: "x64", ia32: "ia32", arm: "arm", "arm-eabi": "arm", gnueabihf: "arm", musleabihf: "arm", loong64: "loong64", ppc64: "ppc64", riscv64: "riscv64", s390x: "s390x", wasm32: "wasm32" };

const platformOf = (name) => {
  const parts = name.split("/").pop().split("-");
  const os = OS.find((o) => parts.includes(o));
  const cpuKey = Object.keys(CPU).find((c) => parts.join("-").includes(c));
  const libc = parts.includes("musl") || parts.includes("musleabihf") ? "musl" : parts.includes("gnu") || parts.includes("gnueabihf") ? "glibc" : undefined;
  return {
    ...(os ? { os: [os] } : cpuKey === "wasm32" ? {} : {}),
    ...(cpuKey ? { cpu: [CPU[cpuKey]] } : {}),
    ...(libc && os === "linux" ? { libc: [libc] } : {}),
  };
};

let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${path ? `${path}/` : ""}node_modules/${name}`;
    const hoisted = `node_modules/${name}`;
    if (packages[nested] || packages[hoisted]) continue;
    const version = range.replace(/^[\^~=]/, "");
    packages[hoisted] = { version, optional: true, ...platformOf(name) };
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))));
writeFileSync(LOCK, JSON.stringify(lock, null, 2) + "\n");
console.log(`lock:fix: added ${added} optional platform entries`);
