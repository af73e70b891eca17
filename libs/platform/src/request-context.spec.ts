import {
  acceptRequestId,
  currentDeadline,
  currentRequestId,
  deadlineFrom,
  requestContext,
  requestIdFrom,
} from './request-context';
import { requestTimeoutMs } from './service-client';

describe('request ids', () => {
  it('passes on an acceptable id as given', () => {
    expect(acceptRequestId('abc-123')).toBe('abc-123');
    expect(requestIdFrom('0f8e2c1a-7b5d-4c3e-9a21-1d2b3c4d5e6f')).toBe('0f8e2c1a-7b5d-4c3e-9a21-1d2b3c4d5e6f');
  });

  it.each([undefined, '', 'a'.repeat(129), 'line\nbreak', 'with space', '"quoted"', ['a', 'b']])(
    'replaces %p with a new id',
    (given) => {
      expect(acceptRequestId(given)).toBeUndefined();
      expect(requestIdFrom(given)).toMatch(/^[0-9a-f-]{36}$/);
    },
  );

  it('is readable inside the context it was run in, and only there', async () => {
    expect(currentRequestId()).toBeUndefined();
    await requestContext.run({ requestId: 'r-1' }, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      expect(currentRequestId()).toBe('r-1');
    });
    expect(currentRequestId()).toBeUndefined();
  });
});

describe('deadlines', () => {
  it('reads a deadline from the milliseconds the caller still waits, and ignores anything else', () => {
    expect(deadlineFrom('1500', 10_000)).toBe(11_500);
    for (const bad of ['', '-5', '1e3', 'soon', undefined, 12]) {
      expect(deadlineFrom(bad, 10_000)).toBeUndefined();
    }
  });

  it("cuts a request's timeout to what is left before the current deadline", () => {
    expect(requestTimeoutMs(3_000, undefined, 10_000)).toBe(3_000);
    expect(requestTimeoutMs(3_000, 11_000, 10_000)).toBe(1_000);
    expect(requestTimeoutMs(3_000, 20_000, 10_000)).toBe(3_000);
    expect(requestTimeoutMs(3_000, 9_000, 10_000)).toBeLessThanOrEqual(0);
  });

  it('makes the current deadline visible to the code a request runs', () => {
    expect(currentDeadline()).toBeUndefined();
    requestContext.run({ requestId: 'r', deadline: 42 }, () => expect(currentDeadline()).toBe(42));
  });
});
