import { Supervisor, type ProcessExit, type Supervisable } from './supervisor';

/** A process stand-in: the test ends its runs; `starts` counts how often the supervisor started it. */
class FakeProcess implements Supervisable {
  starts = 0;
  private listeners: ((exit: ProcessExit) => void)[] = [];

  constructor(readonly label: string) {}

  start(): void {
    this.starts += 1;
  }

  onExit(listener: (exit: ProcessExit) => void): void {
    this.listeners.push(listener);
  }

  exit(exit: Partial<ProcessExit> = {}): void {
    this.listeners.forEach((listener) => listener({ code: null, signal: 'SIGKILL', requested: false, ...exit }));
  }
}

describe(Supervisor.name, () => {
  let lines: string[];
  let gaveUp: string[];
  const supervisorWith = (options = {}) =>
    new Supervisor({
      initialBackoffMs: 100,
      maxBackoffMs: 1_000,
      maxCrashes: 4,
      crashWindowMs: 10_000,
      log: (line) => lines.push(line),
      onGiveUp: (service) => gaveUp.push(service.label),
      ...options,
    });

  beforeEach(() => {
    jest.useFakeTimers();
    lines = [];
    gaveUp = [];
  });
  afterEach(() => jest.useRealTimers());

  it('restarts a crashed service after a back-off and says which, how it ended and the restart count', () => {
    const supervisor = supervisorWith();
    const service = new FakeProcess('commissions');
    supervisor.supervise(service);

    service.exit({ signal: 'SIGKILL' });
    expect(lines).toEqual([expect.stringMatching(/^\[supervisor\] commissions .*signal SIGKILL.*restart 1 in 100 ms/)]);
    jest.advanceTimersByTime(99);
    expect(service.starts).toBe(0);
    jest.advanceTimersByTime(1);
    expect(service.starts).toBe(1);
    expect(lines.at(-1)).toBe('[supervisor] commissions restarted (restart 1)');

    service.exit({ code: 1, signal: null });
    expect(lines.at(-1)).toMatch(/commissions .*exit code 1.*restart 2 in 200 ms/);
    jest.advanceTimersByTime(200);
    expect(service.starts).toBe(2);
    expect(supervisor.restarts(service)).toBe(2);
  });

  it('doubles the wait for each crash in the window, up to the longest wait', () => {
    const supervisor = supervisorWith({ maxCrashes: 10 });
    const service = new FakeProcess('referrals');
    supervisor.supervise(service);
    const waits: number[] = [];
    for (let crash = 0; crash < 6; crash++) {
      service.exit();
      waits.push(Number(/in (\d+) ms/.exec(lines.at(-1)!)![1]));
      jest.advanceTimersByTime(1_000);
    }
    expect(waits).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it('gives up with a clear message after repeated crashes within the window', () => {
    const supervisor = supervisorWith();
    const service = new FakeProcess('notifier');
    supervisor.supervise(service);
    for (let crash = 0; crash < 4; crash++) {
      service.exit({ code: 1, signal: null });
      jest.advanceTimersByTime(1_000);
    }
    expect(service.starts).toBe(3);
    expect(gaveUp).toEqual(['notifier']);
    expect(supervisor.gaveUp(service)).toBe(true);
    expect(lines.at(-1)).toMatch(/notifier ended \(exit code 1\): 4 crashes within 10 s, after 3 restarts\. Giving up/);
    jest.advanceTimersByTime(60_000);
    expect(service.starts).toBe(3);
  });

  it('forgets crashes older than the window', () => {
    const supervisor = supervisorWith();
    const service = new FakeProcess('gateway');
    supervisor.supervise(service);
    for (let crash = 0; crash < 8; crash++) {
      service.exit();
      jest.advanceTimersByTime(6_000);
    }
    expect(gaveUp).toEqual([]);
    expect(service.starts).toBe(8);
  });

  it('leaves alone a process the stack stopped on purpose, and restarts nothing once stopped itself', () => {
    const supervisor = supervisorWith();
    const stopped = new FakeProcess('referrals');
    const crashed = new FakeProcess('commissions');
    supervisor.supervise(stopped);
    supervisor.supervise(crashed);
    stopped.exit({ requested: true, signal: 'SIGTERM' });
    crashed.exit();
    supervisor.stop();
    jest.advanceTimersByTime(10_000);
    expect(stopped.starts).toBe(0);
    expect(crashed.starts).toBe(0);
  });
});
