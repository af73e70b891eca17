import { EventSubject, type EarningCredited } from '@app/contracts';
import { creditsIn, decodeEarningCredited } from './earning-credited.message';

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

describe(creditsIn.name, () => {
  const purchase = { purchaseId: 17, buyerId: 5, amountPaise: 150_000, commissions: [] };

  it("takes a reversal's event as one credit and a purchase's as the list it carries", () => {
    expect(creditsIn(EventSubject.EarningCredited, JSON.stringify(credit))).toEqual([credit]);
    const second = { ...credit, earningId: 43, userId: 1, level: 1 };
    expect(
      creditsIn(EventSubject.PurchaseRecorded, JSON.stringify({ ...purchase, credits: [credit, second] })),
    ).toEqual([credit, second]);
  });

  it('finds none in a purchase from before purchases carried credits, nor in other subjects', () => {
    expect(creditsIn(EventSubject.PurchaseRecorded, JSON.stringify(purchase))).toEqual([]);
    expect(creditsIn(EventSubject.PayoutPaid, 'not even json')).toEqual([]);
  });

  it.each([
    [EventSubject.EarningCredited, 'not json'],
    [EventSubject.EarningCredited, '[1]'],
    [EventSubject.PurchaseRecorded, JSON.stringify({ ...purchase, credits: {} })],
    [EventSubject.PurchaseRecorded, JSON.stringify({ ...purchase, credits: [credit, 7] })],
  ])('refuses a malformed %s body: %s', (subject, json) => {
    expect(creditsIn(subject, json)).toBeNull();
  });
});
