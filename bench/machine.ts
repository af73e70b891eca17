import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';

/** What the figures were measured on. */
export interface MachineInfo {
  nproc: number;
  cpuModel: string;
  node: string;
  memoryGiB: number;
  natsServer: string;
}

export function machineInfo(): MachineInfo {
  const cpuInfo = safeRead('/proc/cpuinfo');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuInfo)?.[1] ?? cpus()[0]?.model ?? 'unknown';
  return {
    nproc: cpus().length,
    cpuModel: model.trim(),
    node: process.version,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    natsServer: safeRun('nats-server', ['--version']),
  };
}

/** `uptime`'s load averages, read as the machine's business while a part ran (other agents share it). */
export function machineLoad(): { uptime: string; loadavg: number[] } {
  return { uptime: safeRun('uptime', []), loadavg: loadavg().map((value) => Math.round(value * 100) / 100) };
}

/** A process's resident set size in KiB from /proc/<pid>/status, or undefined when it cannot be read. */
export function rssKiB(pid: number | undefined): number | undefined {
  if (pid === undefined) {
    return undefined;
  }
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(safeRead(`/proc/${pid}/status`));
  return match ? Number(match[1]) : undefined;
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function safeRun(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

/** CPU time (user + system) a process has used so far, in seconds, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) {
    return undefined;
  }
  const stat = safeRead(`/proc/${pid}/stat`);
  // Fields after the command name (which may hold spaces) start at field 3; utime and stime are 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return Number.isFinite(ticks) ? ticks / CLOCK_TICKS_PER_SECOND : undefined;
}

/** USER_HZ: 100 on Linux on every architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

/** Busy and total CPU time of the whole machine so far (all cores), in seconds, from /proc/stat. */
export function machineCpuSeconds(): { busy: number; total: number } {
  const line = safeRead('/proc/stat').split('\n')[0] ?? '';
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const total = values.reduce((sum, value) => sum + value, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: (total - idle) / CLOCK_TICKS_PER_SECOND, total: total / CLOCK_TICKS_PER_SECOND };
}
