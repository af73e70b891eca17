import fc from 'fast-check';
import { startSystem, type System } from './support/system';

/** Anything a careless or hostile client might put in a field. */
const junk = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 120 }),
  fc.constantFrom(
    '',
    ' ',
    '0',
    '-1',
    '1.5',
    '1e3',
    'NaN',
    'Infinity',
    '1e400',
    "1' OR '1'='1",
    '<img src=x onerror=alert(1)>',
  ),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }),
  fc.bigInt().map(String),
  fc.string({ minLength: 101, maxLength: 300 }),
);

const endpoints = ['/user', '/refer', '/purchase'] as const;

describe('The HTTP API under generated junk', () => {
  let system: System;
  let root: number;
  let buyer: number;

  beforeAll(async () => {
    system = await startSystem();
    root = await system.api.createUser('Root');
    buyer = await system.api.createUser('Buyer');
    await system.api.refer(root, buyer);
    await system.api.post('/purchase', { buyer_id: buyer, amount: 1500 });
  });
  afterAll(() => system?.stop());

  /** Everything a refused request could have changed, read back. */
  async function state() {
    const [tree, earnings, board] = await Promise.all([
      system.api.get(`/referrals/${root}`),
      system.api.get(`/earnings/${root}`),
      system.api.get('/leaderboard', { limit: 100 }),
    ]);
    return { tree: tree.body, earnings: earnings.body, board: board.body };
  }

  it('never answers 5xx, and a refused request changes nothing', async () => {
    const firstMarker = await system.api.createUser('marker');
    let usersCreated = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...endpoints),
        fc.dictionary(fc.constantFrom('name', 'referrer_id', 'user_id', 'buyer_id', 'amount', 'x'), junk),
        fc.boolean(),
        async (path, fields, asJson) => {
          const before = await state();
          const response = asJson
            ? await system.api.post(path, undefined, { body: fields })
            : await system.api.post(
                path,
                Object.fromEntries(
                  Object.entries(fields).map(([key, value]) => [
                    key,
                    typeof value === 'string' ? value : JSON.stringify(value),
                  ]),
                ),
              );
          expect(response.status).toBeLessThan(500);
          expect(response.body).toBeDefined();
          if (response.status >= 400) {
            expect(response.body).toMatchObject({ statusCode: response.status, code: expect.any(String) });
            expect(await state()).toEqual(before);
          } else if (path === '/user') {
            usersCreated += 1;
          }
        },
      ),
      { numRuns: 150 },
    );
    const lastMarker = await system.api.createUser('marker');
    expect(lastMarker).toBe(firstMarker + usersCreated + 1);
  });

  it('refuses malformed and oversized bodies with a 4xx error body', async () => {
    const send = (body: string, type = 'application/json') =>
      fetch(`${system.baseUrl}/user`, {
        method: 'POST',
        headers: { 'content-type': type, authorization: `Bearer ${system.adminKey}` },
        body,
      });
    for (const response of [
      await send('{"name":'),
      await send('[1,2,3]'),
      await send(`{"name":"${'x'.repeat(2_000_000)}"}`),
      await send('name=Alice', 'text/plain'),
    ]) {
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(await response.json()).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    }
  });
});
