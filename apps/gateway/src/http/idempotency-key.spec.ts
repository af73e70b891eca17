import { DomainError, RecordPurchaseRequest, RefundPurchaseRequest } from '@app/contracts';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IDEMPOTENCY_KEY_MAX_LENGTH, IDEMPOTENCY_KEY_RULE, idempotencyKeyFrom } from './idempotency-key';

describe(idempotencyKeyFrom.name, () => {
  it('takes a key of 1 to the stated limit, prefixed so that it never collides with a gateway-made one', () => {
    expect(idempotencyKeyFrom('a')).toEqual({ key: 'client:a', fromClient: true });
    const longest = 'k'.repeat(IDEMPOTENCY_KEY_MAX_LENGTH);
    expect(idempotencyKeyFrom(longest).key).toBe(`client:${longest}`);
    expect(idempotencyKeyFrom(undefined)).toEqual({ key: expect.stringMatching(/^gateway:/), fromClient: false });
  });

  it.each([
    ['empty', ''],
    ['one past the limit', 'k'.repeat(IDEMPOTENCY_KEY_MAX_LENGTH + 1)],
    ['195 characters', 'k'.repeat(195)],
    ['a control character', 'a\tb'],
    ['non-ASCII', 'clé'],
  ])('refuses a key that is %s, naming the header and its limit', (_, header) => {
    expect(() => idempotencyKeyFrom(header)).toThrow(DomainError);
    expect(() => idempotencyKeyFrom(header)).toThrow(IDEMPOTENCY_KEY_RULE);
    expect(IDEMPOTENCY_KEY_RULE).toMatch(/^Idempotency-Key must be 1 to 128 /);
  });

  it('makes only keys that the purchase and refund contracts accept, so no internal field name ever reaches a client', () => {
    for (const header of ['k'.repeat(IDEMPOTENCY_KEY_MAX_LENGTH), undefined]) {
      const { key } = idempotencyKeyFrom(header);
      const purchase = plainToInstance(RecordPurchaseRequest, { purchaseKey: key, buyerId: 1, amountPaise: 100_000 });
      const refund = plainToInstance(RefundPurchaseRequest, { refundKey: key, purchaseId: 1 });
      expect(validateSync(purchase)).toEqual([]);
      expect(validateSync(refund)).toEqual([]);
    }
  });
});
