import { CommissionStatus, earningMessageId, EventSubject, PayoutStatus, WebhookEventType } from '@app/contracts';
import { mayBeWanted, webhookBody, webhookEventsOf } from './webhook-events';

const credit = {
  earningId: 41,
  userId: 2,
  level: 1,
  amountPaise: 7_500,
  sourceUserId: 5,
  purchaseId: 17,
  totalEarningsPaise: 50_500,
  timestamp: '2026-12-01T12:00:00.000Z',
};

/** The first (for most subjects, the only) event a message becomes. */
const eventOf = (subject: string, json: string) => webhookEventsOf(subject, json)?.[0]?.event ?? null;

describe(webhookEventsOf.name, () => {
  it('maps a credit to commission.credited in rupees, snake_case', () => {
    expect(eventOf(EventSubject.EarningCredited, JSON.stringify(credit))).toEqual({
      type: WebhookEventType.CommissionCredited,
      timestamp: credit.timestamp,
      data: {
        earning_id: 41,
        user_id: 2,
        level: 1,
        amount: 75,
        source_user_id: 5,
        purchase_id: 17,
        refund_id: null,
        total_earnings: 505,
        timestamp: credit.timestamp,
      },
    });
  });

  it('maps a reversal (refund id, negative amount) to commission.reversed', () => {
    const reversal = { ...credit, earningId: 42, amountPaise: -2_500, refundId: 3, totalEarningsPaise: 48_000 };
    const event = eventOf(EventSubject.EarningCredited, JSON.stringify(reversal));
    expect(event?.type).toBe(WebhookEventType.CommissionReversed);
    expect(event?.data).toMatchObject({ amount: -25, refund_id: 3 });
  });

  const purchase = {
    purchaseId: 17,
    buyerId: 5,
    amountPaise: 150_000,
    isValid: true,
    note: 'Qualifies',
    timestamp: credit.timestamp,
    commissions: [{ userId: 2, level: 1, amountPaise: 7_500, status: CommissionStatus.Credited }],
  };

  it('makes a purchase that carries its credits one event for the purchase and one per credit, under its own id', () => {
    const second = { ...credit, earningId: 42, userId: 1, level: 2, amountPaise: 1_500, totalEarningsPaise: 1_500 };
    const parts = webhookEventsOf(
      EventSubject.PurchaseRecorded,
      JSON.stringify({ ...purchase, credits: [credit, second] }),
    );
    expect(parts?.map(({ event, sourceId }) => [event.type, sourceId])).toEqual([
      [WebhookEventType.PurchaseRecorded, undefined],
      [WebhookEventType.CommissionCredited, earningMessageId(41)],
      [WebhookEventType.CommissionCredited, earningMessageId(42)],
    ]);
    // Each credit as its own message would have made it, and the purchase's body without the credits.
    expect(parts?.[1].event).toEqual(eventOf(EventSubject.EarningCredited, JSON.stringify(credit)));
    expect(parts?.[0].event.data).not.toHaveProperty('credits');
  });

  it('refuses a purchase whose credits are not all well-formed', () => {
    const broken = { ...purchase, credits: [credit, { ...credit, earningId: 'x' }] };
    expect(webhookEventsOf(EventSubject.PurchaseRecorded, JSON.stringify(broken))).toBeNull();
  });

  it("maps a purchase to POST /purchase's 201 body", () => {
    expect(eventOf(EventSubject.PurchaseRecorded, JSON.stringify(purchase))?.data).toEqual({
      purchase_id: 17,
      buyer_id: 5,
      amount: 1500,
      is_valid: true,
      note: 'Qualifies',
      timestamp: credit.timestamp,
      commissions: [{ user_id: 2, level: 1, amount: 75, status: 'credited' }],
    });
  });

  it('maps payouts and user events', () => {
    const payout = {
      payoutId: 4,
      userId: 2,
      amountPaise: 12_500,
      status: PayoutStatus.Paid,
      createdAt: credit.timestamp,
      paidAt: '2026-12-02T00:00:00.000Z',
      failureReason: null,
    };
    expect(eventOf(EventSubject.PayoutPaid, JSON.stringify(payout))).toEqual({
      type: WebhookEventType.PayoutPaid,
      timestamp: payout.paidAt,
      data: {
        payout_id: 4,
        user_id: 2,
        amount: 125,
        status: 'paid',
        created_at: credit.timestamp,
        paid_at: payout.paidAt,
        failure_reason: null,
      },
    });
    const user = { id: 3, name: 'Carol', isActive: true, referredBy: null, createdAt: credit.timestamp };
    expect(eventOf(EventSubject.UserCreated, JSON.stringify(user))?.data).toEqual({
      user_id: 3,
      name: 'Carol',
      is_active: true,
      referred_by: null,
    });
    const status = { userId: 3, isActive: false, timestamp: credit.timestamp };
    expect(eventOf(EventSubject.UserStatusChanged, JSON.stringify(status))).toMatchObject({
      type: WebhookEventType.UserDeactivated,
      data: { user_id: 3, is_active: false },
    });
    expect(eventOf(EventSubject.UserStatusChanged, JSON.stringify({ ...status, isActive: true }))?.type).toBe(
      WebhookEventType.UserReactivated,
    );
    const referral = { referrerId: 1, userId: 3, timestamp: credit.timestamp };
    expect(eventOf(EventSubject.UserReferred, JSON.stringify(referral))?.data).toEqual({
      referrer_id: 1,
      user_id: 3,
    });
  });

  it.each([
    [EventSubject.EarningCredited, '{"earningId":"x"}'],
    [EventSubject.UserCreated, 'not json'],
    [EventSubject.PayoutCreated, '{}'],
    ['some.other.subject', JSON.stringify(credit)],
  ])('drops a malformed %s message', (subject, json) => {
    expect(webhookEventsOf(subject, json)).toBeNull();
  });
});

describe(webhookBody.name, () => {
  it('is the type, timestamp and data, in that order', () => {
    const event = eventOf(EventSubject.EarningCredited, JSON.stringify(credit));
    expect(event).not.toBeNull();
    expect(webhookBody(event!)).toMatch(
      /^\{"type":"commission.credited","timestamp":"[^"]+","data":\{"earning_id":41,/,
    );
  });
});

describe(mayBeWanted.name, () => {
  const reversal = { ...credit, amountPaise: -7_500, refundId: 3 };
  const status = { userId: 2, isActive: false, timestamp: credit.timestamp };

  it('wants a message when an endpoint subscribes to the type its payload becomes, whichever that is', () => {
    const samples: [EventSubject, object][] = [
      [EventSubject.EarningCredited, credit],
      [EventSubject.EarningCredited, reversal],
      [EventSubject.UserStatusChanged, status],
      [EventSubject.UserStatusChanged, { ...status, isActive: true }],
    ];
    for (const [subject, payload] of samples) {
      const type = eventOf(subject, JSON.stringify(payload))!.type;
      expect(mayBeWanted(subject, new Set([type]))).toBe(true);
    }
  });

  it('skips a message no subscribed type can come from, and never skips an unknown subject', () => {
    expect(mayBeWanted(EventSubject.EarningCredited, new Set())).toBe(false);
    expect(mayBeWanted(EventSubject.EarningCredited, new Set([WebhookEventType.PurchaseRecorded]))).toBe(false);
    expect(mayBeWanted(EventSubject.PurchaseRecorded, new Set([WebhookEventType.PurchaseRecorded]))).toBe(true);
    // A purchase carries its credits.
    expect(mayBeWanted(EventSubject.PurchaseRecorded, new Set([WebhookEventType.CommissionCredited]))).toBe(true);
    expect(mayBeWanted(EventSubject.PurchaseRecorded, new Set([WebhookEventType.CommissionReversed]))).toBe(false);
    expect(mayBeWanted('earnings.unheard-of', new Set())).toBe(true);
  });
});
