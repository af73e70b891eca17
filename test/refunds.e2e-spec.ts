import { eventually } from '@app/testing';
import { createFamily } from './support/fixtures';
import { SseStream } from '@app/testing';
import { startSystem, type System } from './support/system';

describe('Refunds and purchase history', () => {
  let system: System;
  const api = () => system.api;

  beforeAll(async () => {
    system = await startSystem();
  });
  afterAll(() => system?.stop());

  const family = () => createFamily(api());
  const buy = async (buyer: number, amount: number | string) =>
    (await api().post('/purchase', { buyer_id: buyer, amount })).body as { purchase_id: number };
  const refund = (purchaseId: number, amount?: number | string, key?: string) =>
    api().post(`/purchase/${purchaseId}/refund`, amount === undefined ? {} : { amount }, {
      headers: key ? { 'Idempotency-Key': key } : {},
    });
  const earnings = async (userId: number) => (await api().get(`/earnings/${userId}`)).body;

  it('reverses both levels to the paisa on a full refund, gives the cap room back, and pays again later', async () => {
    const { grandparent, parent, buyer } = await family();
    // Fill the parent's level-1 bucket: 5% of 20,000 = 1,000.
    const big = await buy(buyer, 20_000);
    expect((await earnings(parent)).cap_remaining['1']).toBe(0);

    const response = await refund(big.purchase_id);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ purchase_id: big.purchase_id, amount: 20_000, refunded_total: 20_000 });
    expect(
      response.body.reversals.map((r: { user_id: number; level: number; amount: number }) => [
        r.user_id,
        r.level,
        r.amount,
      ]),
    ).toEqual([
      [parent, 1, -1000],
      [grandparent, 2, -200],
    ]);
    expect(await earnings(parent)).toMatchObject({ total_earnings: 0, cap_remaining: { '1': 1000, '2': 1000 } });
    expect((await earnings(grandparent)).total_earnings).toBe(0);

    const again = await api().post('/purchase', { buyer_id: buyer, amount: 1500 });
    expect(again.body.commissions[0]).toEqual({ user_id: parent, level: 1, amount: 75, status: 'credited' });
  });

  it('streams each reversal to its owner as an SSE event with a negative amount and the new total', async () => {
    const { grandparent, parent, buyer } = await family();
    const purchase = await buy(buyer, 1500);
    const [parentStream, grandparentStream] = await Promise.all([
      SseStream.open(`${api().baseUrl}/events/${parent}`, { authorization: `Bearer ${system.adminKey}` }),
      SseStream.open(`${api().baseUrl}/events/${grandparent}`, { authorization: `Bearer ${system.adminKey}` }),
    ]);
    try {
      const refunded = await refund(purchase.purchase_id, 500);
      // The purchase's own credit may still arrive first: the outbox publishes it after its commit, and on a
      // loaded machine that can be after the streams opened. The reversal is the event with its earning id.
      const [parentReversal, grandparentReversal] = refunded.body.reversals.map((r: { earning_id: number }) =>
        String(r.earning_id),
      );
      const eventWithId = async (stream: SseStream, id: string) => {
        await eventually(() => stream.events.some((event) => event.id === id), `the event ${id}`);
        return stream.events.find((event) => event.id === id)!;
      };
      const reversal = await eventWithId(parentStream, parentReversal);
      expect(JSON.parse(reversal.data)).toEqual({
        amount: -25,
        level: 1,
        source_user_id: buyer,
        purchase_id: purchase.purchase_id,
        total_earnings: 50,
        timestamp: refunded.body.timestamp,
        refund_id: refunded.body.refund_id,
      });
      const level2 = await eventWithId(grandparentStream, grandparentReversal);
      expect(JSON.parse(level2.data)).toMatchObject({ amount: -5, level: 2, total_earnings: 10 });
    } finally {
      await Promise.all([parentStream.close(), grandparentStream.close()]);
    }
  });

  it('splits partial refunds in proportion, rounding half up, the last one taking exactly what remains', async () => {
    const { grandparent, parent, buyer } = await family();
    const purchase = await buy(buyer, '1001.30'); // pays 50.07 and 10.01
    const first = await refund(purchase.purchase_id, '333.77');
    // 5007 × 33377 / 100130 = 1669.0… → 16.69; 1001 × 33377 / 100130 = 333.66… → 3.34
    expect(first.body.reversals.map((r: { amount: number }) => r.amount)).toEqual([-16.69, -3.34]);
    const second = await refund(purchase.purchase_id);
    expect(second.body).toMatchObject({ amount: 667.53, refunded_total: 1001.3 });
    expect(second.body.reversals.map((r: { amount: number }) => r.amount)).toEqual([-33.38, -6.67]);
    expect((await earnings(parent)).total_earnings).toBe(0);
    expect((await earnings(grandparent)).total_earnings).toBe(0);
  });

  it('refuses a refund beyond the purchase with 400 and changes nothing', async () => {
    const { parent, buyer } = await family();
    const purchase = await buy(buyer, 2000);
    await refund(purchase.purchase_id, 1500);
    const tooMuch = await refund(purchase.purchase_id, '500.01');
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.code).toBe('REFUND.EXCEEDS_PURCHASE');
    expect((await earnings(parent)).total_earnings).toBe(25);
    await refund(purchase.purchase_id);
    const nothingLeft = await refund(purchase.purchase_id);
    expect(nothingLeft.status).toBe(400);
    expect(nothingLeft.body.message).toMatch(/fully refunded/);
  });

  it('applies a repeated refund with the same key once', async () => {
    const { parent, buyer } = await family();
    const purchase = await buy(buyer, 2000);
    const first = await refund(purchase.purchase_id, 500, `refund-${purchase.purchase_id}`);
    const second = await refund(purchase.purchase_id, 500, `refund-${purchase.purchase_id}`);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect((await earnings(parent)).total_earnings).toBe(75);
    const conflict = await refund(purchase.purchase_id, 600, `refund-${purchase.purchase_id}`);
    expect(conflict.status).toBe(409);
  });

  it('never lets concurrent refunds of one purchase add up to more than the purchase', async () => {
    const { parent, buyer } = await family();
    const purchase = await buy(buyer, 2000);
    const responses = await Promise.all(Array.from({ length: 10 }, () => refund(purchase.purchase_id, 300)));
    expect(responses.filter((r) => r.status === 201)).toHaveLength(6);
    expect(responses.filter((r) => r.status === 400)).toHaveLength(4);
    const detail = (await api().get(`/purchase/${purchase.purchase_id}`)).body;
    expect(detail.refunded_amount).toBe(1800);
    // 6 × round_half_up(100 × 300 / 2000) = 6 × 15 = 90 reversed of 100.
    expect((await earnings(parent)).total_earnings).toBe(10);
  });

  it('records a refund of a purchase that did not qualify, with no reversal', async () => {
    const { buyer } = await family();
    const purchase = await buy(buyer, 500);
    const response = await refund(purchase.purchase_id);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ amount: 500, reversals: [] });
  });

  it('answers 404 for an unknown purchase and 400 for bad input', async () => {
    expect((await refund(999_999)).status).toBe(404);
    expect((await refund(999_999)).body.code).toBe('PURCHASE.NOT_FOUND');
    expect((await api().get('/purchase/999999')).status).toBe(404);
    expect((await refund(1, '-5')).status).toBe(400);
    expect((await refund(1, 'abc')).status).toBe(400);
    expect((await api().post('/purchase/abc/refund')).status).toBe(400);
  });

  it('explains a purchase: rate, cap room before and after, active flags, refunds and reversals', async () => {
    const { grandparent, parent, buyer } = await family();
    await buy(buyer, 19_000); // parent earns 950 at level 1
    await api().patch(`/user/${grandparent}/deactivate`);
    const purchase = await buy(buyer, 2000);
    await refund(purchase.purchase_id, 1000);
    const detail = (await api().get(`/purchase/${purchase.purchase_id}`)).body;
    expect(detail).toMatchObject({
      purchase_id: purchase.purchase_id,
      buyer_id: buyer,
      amount: 2000,
      refunded_amount: 1000,
    });
    expect(detail.commissions).toEqual([
      {
        user_id: parent,
        level: 1,
        amount: 50,
        status: 'capped',
        rate_percent: 5,
        share: 100,
        recipient_active: true,
        cap_room_before: 50,
        cap_room_after: 0,
        why: expect.stringMatching(/cap/),
      },
      {
        user_id: grandparent,
        level: 2,
        amount: 0,
        status: 'inactive',
        rate_percent: 1,
        share: 20,
        recipient_active: false,
        cap_room_before: null,
        cap_room_after: null,
        why: expect.stringMatching(/inactive/),
      },
    ]);
    expect(detail.refunds).toHaveLength(1);
    expect(detail.refunds[0].reversals).toEqual([
      { earning_id: expect.any(Number), user_id: parent, level: 1, amount: -25 },
    ]);
  });

  it("pages through a buyer's transactions newest first", async () => {
    const { buyer } = await family();
    const ids: number[] = [];
    for (const amount of [1000, 500, 2500, 999.99, 1200]) {
      ids.push((await buy(buyer, amount)).purchase_id);
    }
    const first = (await api().get(`/transactions/${buyer}`, { limit: 2 })).body;
    expect(first.transactions.map((t: { purchase_id: number }) => t.purchase_id)).toEqual([ids[4], ids[3]]);
    expect(first.transactions[1]).toMatchObject({ amount: 999.99, is_valid: false, note: expect.any(String) });
    const second = (await api().get(`/transactions/${buyer}`, { limit: 2, cursor: first.next_cursor })).body;
    const third = (await api().get(`/transactions/${buyer}`, { limit: 2, cursor: second.next_cursor })).body;
    expect([...second.transactions, ...third.transactions].map((t: { purchase_id: number }) => t.purchase_id)).toEqual([
      ids[2],
      ids[1],
      ids[0],
    ]);
    expect(third.next_cursor).toBeNull();
    expect((await api().get('/transactions/999999')).status).toBe(404);
  });

  it('exports every earning and reversal as CSV matching /earnings to the paisa', async () => {
    const { parent, buyer } = await family();
    const a = await buy(buyer, '1001.30');
    await buy(buyer, 3333.33);
    await refund(a.purchase_id, '500.65');
    const response = await fetch(`${api().baseUrl}/earnings/${parent}/export.csv`, {
      headers: { authorization: `Bearer ${system.adminKey}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/csv/);
    const [header, ...rows] = (await response.text()).trim().split('\r\n');
    expect(header).toBe('earning_id,timestamp,type,level,amount,source_user_id,purchase_id,refund_id');
    expect(rows).toHaveLength(3);
    expect(rows[2]).toMatch(/,reversal,1,-25\.04,/); // round_half_up(5007 × 50065 / 100130) = 2503.5 → 2504
    const totalPaise = rows.reduce((sum, row) => sum + Math.round(Number(row.split(',')[4]) * 100), 0);
    const summary = await earnings(parent);
    expect(totalPaise).toBe(Math.round(summary.total_earnings * 100));
    expect(summary.details).toHaveLength(3);
  });
});
