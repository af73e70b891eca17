import { acceptRequestId, currentRequestId, requestContext, requestIdFrom } from './request-context';

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
