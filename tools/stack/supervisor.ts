/** How a supervised process ended. */
export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** True when the stack itself stopped the process (Ctrl-C, a test's `stop()`): not a crash. */
  requested: boolean;
}

/** What the supervisor needs of a process: a name, a way to start it, and word of each exit. */
export interface Supervisable {
  /** How the terminal names it (`commissions`, `commissions-2`). */
  readonly label: string;
  start(): void;
  onExit(listener: (exit: ProcessExit) => void): void;
}

export interface SupervisorOptions {
  /** Wait before the first restart; doubled for each further crash in the window. */
  initialBackoffMs?: number;
  /** The longest wait between restarts. */
  maxBackoffMs?: number;
  /** Give up on a service after this many crashes within `crashWindowMs`. */
  maxCrashes?: number;
  crashWindowMs?: number;
  /** Where the supervisor's lines go (the terminal for `npm run up`). */
  log?: (line: string) => void;
  /** Called once when a service has crashed too often; the supervisor no longer restarts it. */
  onGiveUp?: (service: Supervisable, message: string) => void;
}

const DEFAULTS = {
  initialBackoffMs: 250,
  maxBackoffMs: 8_000,
  maxCrashes: 5,
  crashWindowMs: 60_000,
} as const;

/**
 * Restarts services that exit unexpectedly, with exponential back-off, and says so: which service, its exit code
 * or signal, and the restart count. A service that crashes `maxCrashes` times within `crashWindowMs` is left
 * down with a message: a restart loop would hide a bug (a bad setting, a broken database) behind endless noise.
 */
export class Supervisor {
  private readonly options: Required<Omit<SupervisorOptions, 'onGiveUp'>> & Pick<SupervisorOptions, 'onGiveUp'>;
  private readonly crashTimes = new Map<Supervisable, number[]>();
  private readonly restartCounts = new Map<Supervisable, number>();
  private readonly pending = new Set<NodeJS.Timeout>();
  private readonly abandoned = new Set<Supervisable>();
  private stopped = false;

  constructor(options: SupervisorOptions = {}) {
    this.options = { ...DEFAULTS, log: (line) => console.log(line), ...options };
  }

  /** Watches `service` from now on; start it as usual, the supervisor restarts it after a crash. */
  supervise(service: Supervisable): void {
    service.onExit((exit) => {
      if (!exit.requested && !this.stopped) {
        this.crashed(service, exit);
      }
    });
  }

  /** How many times the supervisor has restarted this service. */
  restarts(service: Supervisable): number {
    return this.restartCounts.get(service) ?? 0;
  }

  /** Whether the supervisor gave up on this service. */
  gaveUp(service: Supervisable): boolean {
    return this.abandoned.has(service);
  }

  /** No more restarts (the stack is stopping); pending ones are cancelled. */
  stop(): void {
    this.stopped = true;
    this.pending.forEach((timer) => clearTimeout(timer));
    this.pending.clear();
  }

  private crashed(service: Supervisable, exit: ProcessExit): void {
    const now = Date.now();
    const recent = [...(this.crashTimes.get(service) ?? []), now].filter(
      (time) => now - time < this.options.crashWindowMs,
    );
    this.crashTimes.set(service, recent);
    const how = exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`;
    const window = `${Math.round(this.options.crashWindowMs / 1000)} s`;
    if (recent.length >= this.options.maxCrashes) {
      this.abandoned.add(service);
      const message =
        `[supervisor] ${service.label} ended (${how}): ${recent.length} crashes within ${window}, ` +
        `after ${this.restarts(service)} restarts. Giving up on it; its log says why.`;
      this.options.log(message);
      this.options.onGiveUp?.(service, message);
      return;
    }
    const restart = this.restarts(service) + 1;
    const delay = Math.min(this.options.maxBackoffMs, this.options.initialBackoffMs * 2 ** (recent.length - 1));
    this.options.log(
      `[supervisor] ${service.label} ended unexpectedly (${how}); restart ${restart} in ${delay} ms ` +
        `(${recent.length} of ${this.options.maxCrashes} crashes allowed within ${window})`,
    );
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      if (this.stopped) {
        return;
      }
      this.restartCounts.set(service, restart);
      service.start();
      this.options.log(`[supervisor] ${service.label} restarted (restart ${restart})`);
    }, delay);
    this.pending.add(timer);
  }
}
