import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { connect } from 'nats';
import { freePort } from './free-port';

/** A NATS broker with JetStream that this process started (or borrowed), and how to stop it. */
export interface NatsHandle {
  url: string;
  /** The broker's process id while a local `nats-server` started here runs (the bench reads its CPU time). */
  readonly pid?: number;
  /** Stops the broker (if this process started it); JetStream data stays in its folder. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data folder, as after a broker crash. */
  restart(): Promise<void>;
}

/**
 * A broker for a stack or a test run, in this order: the one at `existingUrl` if given; else the Debian
 * `nats-server` on a free loopback port with JetStream in `dataDir`; else a testcontainers NATS where a
 * Docker engine runs.
 */
export async function startNats(dataDir: string, existingUrl?: string): Promise<NatsHandle> {
  if (existingUrl) {
    return { url: existingUrl, stop: () => Promise.resolve(), restart: () => Promise.resolve() };
  }
  if (hasNatsServerBinary()) {
    return startLocalNatsServer(dataDir);
  }
  return startNatsContainer();
}

function hasNatsServerBinary(): boolean {
  return spawnSync('nats-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

async function startLocalNatsServer(dataDir: string): Promise<NatsHandle> {
  mkdirSync(dataDir, { recursive: true });
  const port = await freePort();
  const url = `nats://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const start = async (): Promise<void> => {
    child = spawn('nats-server', ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dataDir], { stdio: 'ignore' });
    await waitForBroker(url);
  };
  const stop = async (): Promise<void> => {
    const running = child;
    child = undefined;
    if (running && running.exitCode === null) {
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGTERM');
      await exited;
    }
  };
  await start();
  return {
    url,
    get pid() {
      return child?.exitCode === null ? child.pid : undefined;
    },
    stop,
    restart: async () => (await stop(), start()),
  };
}

async function waitForBroker(url: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const connection = await connect({ servers: url, timeout: 500 });
      await connection.close();
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(`NATS at ${url} did not start: ${String(error)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

/** Last resort, loaded only when needed: testcontainers cannot start anything without a Docker engine. */
async function startNatsContainer(): Promise<NatsHandle> {
  const { NatsContainer } = await import('@testcontainers/nats');
  const container = await new NatsContainer('nats:2.10-alpine').withJetStream().start();
  const credentials = container.username ? `${container.username}:${container.password ?? ''}@` : '';
  const url = `nats://${credentials}${container.getHost()}:${container.getMappedPort(4222)}`;
  return {
    url,
    stop: async () => void (await container.stop()),
    restart: async () => void (await container.restart()),
  };
}
