import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startNats } from '../tools/stack/nats-server';
import { SERVICES, startStack, type ServiceName } from '../tools/stack/stack';
import { BENCH_API_KEY_ENV } from './load/credentials';

/** The system under test: a stack this run started from `dist/`, or the one at BASE_URL. */
export interface BenchStack {
  baseUrl: string;
  /** The notifier's own SSE port (own stack only): capacity is measured on one notifier, not through the proxy. */
  notifierUrl?: string;
  /** Where the SQLite files and service logs are (own stack only). */
  dataDir?: string;
  pids(): Partial<Record<ServiceName, number>>;
  /** The NATS broker's process id (own stack only). */
  brokerPid(): number | undefined;
  /** Starts or stops the CPU profiler in every service (own stack started with a profile directory). */
  toggleProfile(): void;
  stop(): Promise<void>;
}

export function externalStack(baseUrl: string): BenchStack {
  return {
    baseUrl: baseUrl.replace(/\/$/, ''),
    pids: () => ({}),
    brokerPid: () => undefined,
    toggleProfile: () => undefined,
    stop: () => Promise.resolve(),
  };
}

/**
 * Boots NATS and the four services on SQLite files in `dataDir`, as `npm run up` does, and waits until the
 * gateway reports them healthy. With `profileDir`, each service preloads the SIGWINCH-driven CPU profiler.
 */
export async function ownStack(dataDir: string, profileDir?: string): Promise<BenchStack> {
  mkdirSync(dataDir, { recursive: true });
  const nats = await startNats(join(dataDir, 'nats'));
  const preload = ['-r', join(__dirname, 'cpu-profile.js')];
  const stack = await startStack({
    natsUrl: nats.url,
    dataDir,
    env: profileDir ? { BENCH_CPU_PROF_DIR: profileDir } : {},
    nodeArgs: profileDir ? Object.fromEntries(SERVICES.map((name) => [name, preload])) : {},
  });
  // Load processes are spawned after this and inherit the key through the environment.
  process.env[BENCH_API_KEY_ENV] = stack.adminKey;
  const stop = async (): Promise<void> => {
    await stack.stop();
    await nats.stop();
  };
  try {
    await stack.ready(60_000);
  } catch (error) {
    await stop();
    throw new Error(`${String(error)} (service logs in ${dataDir})`);
  }
  const pids = (): Partial<Record<ServiceName, number>> => {
    const running: Partial<Record<ServiceName, number>> = {};
    for (const name of SERVICES) {
      const pid = stack.services[name].pid;
      if (pid !== undefined) {
        running[name] = pid;
      }
    }
    return running;
  };
  return {
    baseUrl: stack.baseUrl,
    notifierUrl: stack.notifierUrl,
    dataDir,
    pids,
    brokerPid: () => nats.pid,
    toggleProfile: () => {
      if (profileDir) {
        Object.values(pids()).forEach((pid) => process.kill(pid, 'SIGWINCH'));
      }
    },
    stop,
  };
}
