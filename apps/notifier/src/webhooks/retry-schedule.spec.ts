import { DeliveryStatus } from '@app/contracts';
import { afterAttempt, parseRetrySchedule } from './retry-schedule';

const DAY = 86_400_000;

describe(parseRetrySchedule.name, () => {
  it('reads the default schedule into milliseconds', () => {
    expect(parseRetrySchedule('5s,5m,30m,2h,5h,10h,10h')).toEqual([
      5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000,
    ]);
  });

  it('accepts milliseconds and spaces', () => {
    expect(parseRetrySchedule('100ms, 1s')).toEqual([100, 1_000]);
  });

  it.each(['', '5', '5x', '-5s', '1.5s', '5s,,5m'])('refuses %p', (text) => {
    expect(parseRetrySchedule(text)).toBeNull();
  });
});

describe(afterAttempt.name, () => {
  const now = new Date('2026-12-01T12:00:00.000Z');
  const base = { now, schedule: [1_000, 2_000], failingSince: null, disableAfterMs: 5 * DAY };

  it('marks a success delivered and clears the run of failures', () => {
    const outcome = afterAttempt({ ...base, attemptsBefore: 1, succeeded: true, failingSince: new Date(0) });
    expect(outcome).toEqual({
      status: DeliveryStatus.Delivered,
      attempts: 2,
      nextAttemptAt: null,
      failingSince: null,
      disable: false,
    });
  });

  it('schedules each retry after its delay, then fails after the last', () => {
    const first = afterAttempt({ ...base, attemptsBefore: 0, succeeded: false });
    expect(first.status).toBe(DeliveryStatus.Pending);
    expect(first.nextAttemptAt?.getTime()).toBe(now.getTime() + 1_000);
    expect(first.failingSince).toEqual(now);
    const second = afterAttempt({ ...base, attemptsBefore: 1, succeeded: false });
    expect(second.nextAttemptAt?.getTime()).toBe(now.getTime() + 2_000);
    const third = afterAttempt({ ...base, attemptsBefore: 2, succeeded: false });
    expect(third).toMatchObject({ status: DeliveryStatus.Failed, attempts: 3, nextAttemptAt: null });
  });

  it('disables the endpoint once it has failed for the whole period, not before', () => {
    const justUnder = new Date(now.getTime() - 5 * DAY + 1);
    expect(afterAttempt({ ...base, attemptsBefore: 0, succeeded: false, failingSince: justUnder }).disable).toBe(false);
    const fiveDays = new Date(now.getTime() - 5 * DAY);
    const outcome = afterAttempt({ ...base, attemptsBefore: 0, succeeded: false, failingSince: fiveDays });
    expect(outcome.disable).toBe(true);
    expect(outcome.failingSince).toEqual(fiveDays);
  });
});
