import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  adminKeyOf,
  gatewayAuthEnv,
  generateGatewayAuth,
  generateWebhookSecretKey,
  type GatewayAuth,
} from './credentials';
import { freePort } from './free-port';
import { Supervisor, type ProcessExit, type Supervisable, type SupervisorOptions } from './supervisor';

export const SERVICES = ['referrals', 'commissions', 'notifier', 'gateway'] as const;
export type ServiceName = (typeof SERVICES)[number];

const ROOT = resolve(__dirname, '..', '..').replace(/[/\\]dist$/, '');
const entryOf = (service: ServiceName): string => join(ROOT, 'dist', 'apps', service, 'src', 'main.js');

export interface StackOptions {
  natsUrl: string;
  /** Where SQLite files and logs go. */
  dataDir: string;
  /** Gateway port; a free one when omitted. */
  port?: number;
  /** Extra settings for every service (e.g. a short keep-alive interval in a test). */
  env?: Record<string, string>;
  /** Settings for one service only, over the defaults (e.g. a PostgreSQL `DATABASE_URL`). */
  serviceEnv?: Partial<Record<ServiceName, Record<string, string>>>;
  /**
   * How many processes of each NATS-only service to run (default 1). They share requests through the service's
   * queue group; several processes need PostgreSQL, since a SQLite file belongs to one process.
   */
  instances?: Partial<Record<'referrals' | 'commissions', number>>;
  /** Where service output goes: a log file per service (default) or this process's own output. */
  output?: 'files' | 'inherit';
  /** API keys and the token secret for the gateway; a fresh admin key and secret when omitted. */
  auth?: GatewayAuth;
  /** Extra `node` arguments per service, before the entry file (e.g. `--cpu-prof` or `-r <preload>`). */
  nodeArgs?: Partial<Record<ServiceName, string[]>>;
  /**
   * Restart services that exit unexpectedly (`npm run up`, the chaos test). Off by default: the fault tests kill
   * and start services themselves.
   */
  supervise?: SupervisorOptions;
}

/** One running service process that can be killed and started again, as a fault test needs. */
export class ServiceProcess implements Supervisable {
  private child?: ChildProcess;
  private readonly exitListeners: ((exit: ProcessExit) => void)[] = [];

  constructor(
    readonly name: ServiceName,
    private readonly env: Record<string, string>,
    /** Where its stdout and stderr go (undefined: this process's own output). */
    readonly logFile: string | undefined,
    /** Where this process answers `/health`, `/ready` and `/metrics` (the gateway and notifier: their port). */
    readonly opsUrl: string,
    private readonly nodeArgs: readonly string[] = [],
    /** `commissions-2` for a second instance: how logs and the supervisor name it. */
    readonly label: string = name,
  ) {}

  start(): void {
    // The service appends to its log file itself: piped through this process, every line cost a wake-up and a
    // copy here, and a service whose pipe was full waited for this process to drain it.
    const log = this.logFile ? openSync(this.logFile, 'a') : undefined;
    let child: ChildProcess;
    try {
      child = spawn(process.execPath, [...this.nodeArgs, entryOf(this.name)], {
        env: { ...process.env, ...this.env },
        stdio: log === undefined ? 'inherit' : ['ignore', log, log],
      });
    } finally {
      if (log !== undefined) {
        closeSync(log);
      }
    }
    let requested = false;
    this.requestStop = () => (requested = true);
    child.once('exit', (code, signal) =>
      this.exitListeners.forEach((listener) => listener({ code, signal, requested })),
    );
    this.child = child;
  }

  /** Marks the current run's coming exit as asked for (by stop()), so a supervisor does not restart it. */
  private requestStop: () => void = () => undefined;

  onExit(listener: (exit: ProcessExit) => void): void {
    this.exitListeners.push(listener);
  }

  /** The exit code of the last run (null while running, or when a signal ended it). */
  get exitCode(): number | null {
    return this.child?.exitCode ?? null;
  }

  /** The OS process id while the process runs (for /proc readings and signals), else undefined. */
  get pid(): number | undefined {
    return this.running ? this.child?.pid : undefined;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Sends `signal` and waits until the process has exited. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || !this.running) {
      return;
    }
    const exited = new Promise((done) => child.once('exit', done));
    this.requestStop();
    child.kill(signal);
    await exited;
  }
}

export interface Stack {
  baseUrl: string;
  /** An API key with the admin scope, to drive the API. */
  adminKey: string;
  /** The credentials the gateway was started with. */
  auth: GatewayAuth;
  notifierUrl: string;
  /** The first process of each service. */
  services: Record<ServiceName, ServiceProcess>;
  /** Every process of the stack, extra instances included. */
  processes: ServiceProcess[];
  /** Restarts crashed services when the stack was started with `supervise`. */
  supervisor?: Supervisor;
  /** Resolves once the gateway reports every service healthy. */
  ready(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the four services as separate processes from `dist/`, each with its own SQLite file. */
export async function startStack(options: StackOptions): Promise<Stack> {
  mkdirSync(options.dataDir, { recursive: true });
  const port = options.port ?? (await freePort());
  const notifierPort = await freePort();
  const taken = new Set([port, notifierPort]);
  const baseUrl = `http://127.0.0.1:${port}`;
  const notifierUrl = `http://127.0.0.1:${notifierPort}`;
  const auth = options.auth ?? generateGatewayAuth();
  const shared = { NATS_URL: options.natsUrl, NODE_ENV: process.env.NODE_ENV ?? 'production', ...options.env };
  const envOf: Record<ServiceName, Record<string, string>> = {
    referrals: { ...shared, DATABASE_URL: join(options.dataDir, 'referrals.sqlite'), ...options.serviceEnv?.referrals },
    commissions: {
      ...shared,
      DATABASE_URL: join(options.dataDir, 'commissions.sqlite'),
      ...options.serviceEnv?.commissions,
    },
    notifier: {
      // Local stacks send webhooks to loopback receivers; a key per stack unless the caller keeps one.
      WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
      WEBHOOK_SECRET_KEYS: generateWebhookSecretKey(),
      ...shared,
      DATABASE_URL: join(options.dataDir, 'notifier.sqlite'),
      PORT: String(notifierPort),
      ...options.serviceEnv?.notifier,
    },
    gateway: {
      ...shared,
      PORT: String(port),
      NOTIFIER_URL: notifierUrl,
      ...gatewayAuthEnv(auth),
      ...options.serviceEnv?.gateway,
    },
  };
  const processes: ServiceProcess[] = [];
  for (const name of SERVICES) {
    const count = name === 'referrals' || name === 'commissions' ? (options.instances?.[name] ?? 1) : 1;
    for (let instance = 0; instance < count; instance++) {
      const logName = instance === 0 ? name : `${name}-${instance + 1}`;
      const logFile = options.output === 'inherit' ? undefined : join(options.dataDir, `${logName}.log`);
      // Referrals and commissions serve HTTP only for operations, each process on a port of its own.
      const opsPort = name === 'gateway' ? port : name === 'notifier' ? notifierPort : await freePort(taken);
      const env =
        name === 'referrals' || name === 'commissions' ? { ...envOf[name], OPS_PORT: String(opsPort) } : envOf[name];
      processes.push(
        new ServiceProcess(name, env, logFile, `http://127.0.0.1:${opsPort}`, options.nodeArgs?.[name], logName),
      );
    }
  }
  const supervisor = options.supervise ? new Supervisor(options.supervise) : undefined;
  for (const service of processes) {
    supervisor?.supervise(service);
    service.start();
  }
  const services = Object.fromEntries(
    SERVICES.map((name) => [name, processes.find((service) => service.name === name)]),
  ) as Record<ServiceName, ServiceProcess>;
  return {
    baseUrl,
    adminKey: adminKeyOf(auth),
    auth,
    notifierUrl,
    services,
    processes,
    supervisor,
    ready: (timeoutMs) => waitUntilHealthy(baseUrl, timeoutMs),
    stop: async () => {
      supervisor?.stop();
      await Promise.all(processes.map((service) => service.stop()));
    },
  };
}

/** Polls the gateway's `/health` until every service behind it answers. */
export async function waitUntilHealthy(baseUrl: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${baseUrl}/health`);
      if (response.ok) {
        return;
      }
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error(`The stack at ${baseUrl} did not become healthy: ${last}`);
}
