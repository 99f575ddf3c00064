// CPU time per process role from /proc (Linux), so a benchmark can say where the cores went: the web
// process group, the worker, our PostgreSQL, the benchmark itself, and everything else on the machine.
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux build that matters here

type TStat = Readonly<{ pid: number; ppid: number; pgrp: number; ticks: number }>;

const readStat = (pid: number): TStat | null => {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name may hold spaces and parentheses: fields start after the last ")".
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { pid, ppid: Number(fields[1]), pgrp: Number(fields[2]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
};

const allStats = (): TStat[] =>
  readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readStat(Number(name)))
    .filter((s): s is TStat => s !== null);

/** Busy CPU seconds of the whole machine since boot (all cores, idle and iowait excluded). */
const machineBusySeconds = (): number => {
  const fields = (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "").trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
  return (user + nice + system + irq + softirq + steal) / TICKS_PER_SECOND;
};

export type TCpuRoles = Readonly<{ webPgid: number; workerPgid: number; postmasterPid: number }>;

/** CPU seconds used so far by each role's processes (those alive now), and by the whole machine. */
export const readCpuSeconds = (roles: TCpuRoles) => {
  const stats = allStats();
  const sum = (match: (s: TStat) => boolean) => stats.filter(match).reduce((total, s) => total + s.ticks, 0) / TICKS_PER_SECOND;
  return {
    web: sum((s) => s.pgrp === roles.webPgid),
    worker: sum((s) => s.pgrp === roles.workerPgid),
    postgres: sum((s) => s.pid === roles.postmasterPid || s.ppid === roles.postmasterPid),
    benchmark: sum((s) => s.pid === process.pid),
    machine: machineBusySeconds(),
  };
};

/**
 * Starts measuring; `stop()` returns the cores each role used on average over the interval (1.0 = one core
 * busy all the time). Processes that exit during the interval are not counted.
 */
export const measureCpu = (roles: TCpuRoles) => {
  const before = readCpuSeconds(roles);
  const started = performance.now();
  return {
    stop: () => {
      const after = readCpuSeconds(roles);
      const seconds = (performance.now() - started) / 1000;
      const cores = (key: keyof typeof after) => Number(((after[key] - before[key]) / seconds).toFixed(2));
      const ours = cores("web") + cores("worker") + cores("postgres") + cores("benchmark");
      return { web: cores("web"), worker: cores("worker"), postgres: cores("postgres"), benchmark: cores("benchmark"), otherProcesses: Number(Math.max(0, cores("machine") - ours).toFixed(2)), machine: cores("machine") };
    },
  };
};
