import { DeliveryStatus } from '@app/contracts';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Reads a retry schedule such as `5s,5m,30m,2h,5h,10h,10h`: the pause before each retry, in ms. Returns null
 * when any item is not a whole number with a unit of ms, s, m, h or d.
 */
export function parseRetrySchedule(text: string): number[] | null {
  const items = text.split(',').map((item) => item.trim());
  const delays: number[] = [];
  for (const item of items) {
    const match = /^(\d{1,9})(ms|s|m|h|d)$/.exec(item);
    if (!match) {
      return null;
    }
    delays.push(Number(match[1]) * UNIT_MS[match[2]]);
  }
  return delays;
}

export interface AttemptFacts {
  /** Tries made before this one. */
  attemptsBefore: number;
  succeeded: boolean;
  now: Date;
  /** The pauses before each retry: `schedule.length + 1` tries in all. */
  schedule: readonly number[];
  /** Since when the endpoint has known nothing but failures (null: its last try succeeded). */
  failingSince: Date | null;
  /** How long nothing but failures disables an endpoint (ms). */
  disableAfterMs: number;
}

export interface AttemptOutcome {
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  failingSince: Date | null;
  /** Set when this failure disables the endpoint. */
  disable: boolean;
}

/** What one try changes: the delivery's status and next try, and the endpoint's run of failures. */
export function afterAttempt(facts: AttemptFacts): AttemptOutcome {
  const attempts = facts.attemptsBefore + 1;
  if (facts.succeeded) {
    return { status: DeliveryStatus.Delivered, attempts, nextAttemptAt: null, failingSince: null, disable: false };
  }
  const failingSince = facts.failingSince ?? facts.now;
  const disable = facts.now.getTime() - failingSince.getTime() >= facts.disableAfterMs;
  const delay = facts.schedule[attempts - 1];
  return delay === undefined
    ? { status: DeliveryStatus.Failed, attempts, nextAttemptAt: null, failingSince, disable }
    : {
        status: DeliveryStatus.Pending,
        attempts,
        nextAttemptAt: new Date(facts.now.getTime() + delay),
        failingSince,
        disable,
      };
}
