import type { EarningCredited } from '@app/contracts';
import { decodeEarningCredited } from './earning-credited.message';

const credit: EarningCredited = {
  earningId: 42,
  userId: 2,
  level: 2,
  amountPaise: 1_500,
  sourceUserId: 5,
  purchaseId: 17,
  totalEarningsPaise: 1_500,
  refundId: null,
  timestamp: '2026-01-02T03:04:05.678Z',
};

describe(decodeEarningCredited.name, () => {
  it('reads a well-formed credit', () => {
    expect(decodeEarningCredited(JSON.stringify(credit))).toEqual(credit);
  });

  it.each([
    ['not JSON', '{'],
    ['not an object', '42'],
    ['null', 'null'],
    ['a missing earning id', JSON.stringify({ ...credit, earningId: undefined })],
    ['a level deeper than any configuration pays', JSON.stringify({ ...credit, level: 6 })],
    ['a fractional amount', JSON.stringify({ ...credit, amountPaise: 1.5 })],
    ['a timestamp that is not ISO 8601', JSON.stringify({ ...credit, timestamp: 'yesterday' })],
  ])('refuses %s', (_, json) => {
    expect(decodeEarningCredited(json)).toBeNull();
  });
});
