import { performance } from 'node:perf_hooks';
import type { ServiceName } from '../tools/stack/stack';
import type { BenchStack } from './bench-stack';
import { cpuSeconds, machineCpuSeconds, machineLoad } from './machine';
import type { BenchOptions, Scale } from './options';

/** What every part of a run shares. */
export interface BenchContext {
  options: BenchOptions;
  scale: Scale;
  /** A temporary directory for this run's stacks (databases, logs, NATS state). */
  workDir: string;
  /** Where CPU profiles go (with --profile). */
  profileDir?: string;
  log(line: string): void;
}

/** CPU used during a measured window: per service, and by the whole machine (load generator and NATS too). */
export interface WindowStats {
  seconds: number;
  cpuSecondsByService: Partial<Record<ServiceName, number>>;
  /** The NATS broker's CPU time (own stack only). */
  brokerCpuSeconds?: number;
  machineBusySeconds: number;
  /** The machine's load while the window ran (`uptime` at its end). */
  load: { uptime: string; loadavg: number[] };
}

/**
 * Runs `work` as a measured window: CPU time of each service and of the machine before and after, and the CPU
 * profiler of every service on for exactly this window when the run profiles.
 */
export async function measured<T>(
  context: BenchContext,
  stack: BenchStack,
  work: () => Promise<T>,
): Promise<{ result: T; window: WindowStats }> {
  const pids = stack.pids();
  const cpuBefore = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSeconds(pid)]));
  const brokerPid = stack.brokerPid();
  const brokerBefore = brokerPid === undefined ? undefined : cpuSeconds(brokerPid);
  const machineBefore = machineCpuSeconds();
  const started = performance.now();
  if (context.options.profile) {
    stack.toggleProfile();
  }
  try {
    const result = await work();
    const seconds = (performance.now() - started) / 1000;
    const machineAfter = machineCpuSeconds();
    const brokerAfter = brokerPid === undefined ? undefined : cpuSeconds(brokerPid);
    const cpuSecondsByService = Object.fromEntries(
      Object.entries(pids).map(([name, pid]) => {
        const after = cpuSeconds(pid);
        const before = cpuBefore[name];
        return [name, after !== undefined && before !== undefined ? round(after - before) : NaN];
      }),
    );
    return {
      result,
      window: {
        seconds: round(seconds),
        cpuSecondsByService,
        brokerCpuSeconds:
          brokerAfter !== undefined && brokerBefore !== undefined ? round(brokerAfter - brokerBefore) : undefined,
        machineBusySeconds: round(machineAfter.busy - machineBefore.busy),
        load: machineLoad(),
      },
    };
  } finally {
    if (context.options.profile) {
      stack.toggleProfile();
    }
  }
}

const round = (value: number): number => Math.round(value * 100) / 100;
