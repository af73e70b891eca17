import { createFamily } from './support/fixtures';
import { startSystem, type System } from './support/system';

interface EarningsBody {
  total_earnings: number;
  earnings_by_level: Record<string, number>;
  cap_remaining: Record<string, number>;
}

/** Rupees to paise, for exact comparisons of what the API answers. */
const paise = (rupees: number): number => Math.round(rupees * 100);

/** The rounded proportion of a credit that `refunded` of `purchase` stands for, in paise. */
const roundedProportion = (credited: number, refunded: number, purchase: number): number =>
  Number((BigInt(credited) * BigInt(refunded) * 2n + BigInt(purchase)) / (2n * BigInt(purchase)));

describe('The ledger through the API: exact refunds, any depth', () => {
  describe('with the default rules (5% / 1%)', () => {
    let system: System;
    beforeAll(async () => {
      system = await startSystem();
    });
    afterAll(() => system?.stop());

    const api = () => system.api;
    const earnings = async (userId: number) => (await api().get(`/earnings/${userId}`)).body as EarningsBody;
    const refund = (purchaseId: number, amount?: string, key?: string) =>
      api().post(`/purchase/${purchaseId}/refund`, amount === undefined ? {} : { amount }, {
        headers: key ? { 'Idempotency-Key': key } : {},
      });

    it('does not drift over 100 refunds of ₹0.49 on a ₹1000.00 purchase: 47.55 and 9.51 remain', async () => {
      const { grandparent, parent, buyer } = await createFamily(api());
      const purchase = await api().post('/purchase', { buyer_id: buyer, amount: 1000 });
      expect(purchase.status).toBe(201);
      for (let step = 0; step < 100; step++) {
        expect((await refund(purchase.body.purchase_id as number, '0.49')).status).toBe(201);
      }
      expect((await earnings(parent)).earnings_by_level['1']).toBe(47.55);
      expect((await earnings(grandparent)).earnings_by_level['2']).toBe(9.51);
      expect((await earnings(parent)).cap_remaining['1']).toBe(952.45);
    });

    it('is exact at every step of uneven refunds on an odd amount, and a final "rest" refund returns every paisa', async () => {
      const { grandparent, parent, buyer } = await createFamily(api());
      const purchasePaise = 123_457; // ₹1234.57: level 1 earns 61.73, level 2 12.35
      const purchase = await api().post('/purchase', { buyer_id: buyer, amount: '1234.57' });
      const [credit1, credit2] = (purchase.body.commissions as { amount: number }[]).map((c) => paise(c.amount));
      expect([credit1, credit2]).toEqual([6_173, 1_235]);

      let refunded = 0;
      for (const step of ['0.01', '333.33', '0.99', '100.07', '17.00', '0.03']) {
        const response = await refund(purchase.body.purchase_id as number, step);
        expect(response.status).toBe(201);
        refunded += paise(Number(step));
        expect(paise(response.body.refunded_total as number)).toBe(refunded);
        expect(paise((await earnings(parent)).earnings_by_level['1'])).toBe(
          credit1 - roundedProportion(credit1, refunded, purchasePaise),
        );
        expect(paise((await earnings(grandparent)).earnings_by_level['2'])).toBe(
          credit2 - roundedProportion(credit2, refunded, purchasePaise),
        );
      }
      const rest = await refund(purchase.body.purchase_id as number);
      expect(rest.status).toBe(201);
      expect(rest.body.refunded_total).toBe(1234.57);
      expect(await earnings(parent)).toMatchObject({ total_earnings: 0, cap_remaining: { '1': 1000 } });
      expect(await earnings(grandparent)).toMatchObject({ total_earnings: 0, cap_remaining: { '2': 1000 } });
    });

    it('answers concurrent refunds with one Idempotency-Key as one refund, replayed to every caller', async () => {
      const { buyer } = await createFamily(api());
      const purchase = await api().post('/purchase', { buyer_id: buyer, amount: 2000 });
      const answers = await Promise.all(
        Array.from({ length: 8 }, () => refund(purchase.body.purchase_id as number, '500', 'same-refund-key')),
      );
      expect(answers.map((answer) => answer.status)).toEqual(Array(8).fill(201));
      expect(new Set(answers.map((answer) => answer.body.refund_id as number)).size).toBe(1);
      const detail = await api().get(`/purchase/${purchase.body.purchase_id as number}`);
      expect(detail.body.refunded_amount).toBe(500);
    });
  });

  describe('with three levels (COMMISSION_RATES_BP=500,100,50)', () => {
    let system: System;
    beforeAll(async () => {
      // Level 1's cap is out of reach here, so that one user can collect more credits than a page holds.
      system = await startSystem({
        COMMISSION_RATES_BP: '500,100,50',
        CAP_PER_LEVEL_PAISE: '1000000000,100000,20000',
      });
    });
    afterAll(() => system?.stop());

    const chain: number[] = [];

    it('pays a five-user chain 5% / 1% / 0.5% and nothing to level 4, with a key per level in /earnings', async () => {
      const api = system.api;
      for (const name of ['Top', 'Third', 'Second', 'First', 'Buyer']) {
        chain.push(await api.createUser(name));
      }
      for (let index = 1; index < chain.length; index++) {
        await api.refer(chain[index - 1], chain[index]);
      }
      const [top, third, second, first, buyer] = chain;
      const purchase = await api.post('/purchase', { buyer_id: buyer, amount: 2000 });
      expect(purchase.status).toBe(201);
      expect(purchase.body.commissions).toEqual([
        { user_id: first, level: 1, amount: 100, status: 'credited' },
        { user_id: second, level: 2, amount: 20, status: 'credited' },
        { user_id: third, level: 3, amount: 10, status: 'credited' },
      ]);
      expect((await api.get(`/earnings/${top}`)).body).toMatchObject({ total_earnings: 0 });
      expect((await api.get(`/earnings/${third}`)).body).toMatchObject({
        total_earnings: 10,
        earnings_by_level: { '1': 0, '2': 0, '3': 10 },
        cap_remaining: { '1': 10_000_000, '2': 1000, '3': 190 },
      });
    });

    it('pages the details of a user with more credits than a page, and streams all of them as CSV', async () => {
      const [, , , first, buyer] = chain;
      for (let batch = 0; batch < 20; batch++) {
        const answers = await Promise.all(
          Array.from({ length: 55 }, () => system.api.post('/purchase', { buyer_id: buyer, amount: 1000 })),
        );
        expect(answers.every((answer) => answer.status === 201)).toBe(true);
      }
      const credits = 1 + 20 * 55; // the purchase of the first test, and these
      const seen: number[] = [];
      let cursor: number | undefined;
      do {
        const page = await system.api.get(`/earnings/${first}`, { limit: 400, ...(cursor ? { cursor } : {}) });
        expect(page.status).toBe(200);
        seen.push(...(page.body.details as { earning_id: number }[]).map((detail) => detail.earning_id));
        cursor = page.body.next_cursor as number | undefined;
      } while (cursor !== undefined);
      expect(seen).toHaveLength(credits);
      expect([...seen].sort((a, b) => b - a)).toEqual(seen); // newest first, no repeats across pages
      expect(new Set(seen).size).toBe(credits);
      expect((await system.api.get(`/earnings/${first}`)).body.details).toHaveLength(100); // the default page

      const csv = await fetch(`${system.api.baseUrl}/earnings/${first}/export.csv`, {
        headers: { authorization: `Bearer ${system.adminKey}` },
      });
      expect(csv.status).toBe(200);
      const rows = (await csv.text()).trim().split('\r\n').slice(1);
      expect(rows.map((row) => Number(row.split(',')[0]))).toEqual([...seen].reverse()); // oldest first, all pages
    });
  });
});
