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
  // Code points and controls: any code point, names around the limit, and what broke PostgreSQL before.
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc.string({ unit: 'binary', minLength: 95, maxLength: 105 }),
  fc.constantFrom('a\uFE0F'.repeat(100), 'a\u0000b', 'a\nb', '\u001b[2J', 'x\uD800', '\u0085', '👩‍👩‍👧'.repeat(40)),
  fc.string({ unit: fc.constantFrom('a', '\u0000', '\u001f', '\u007f', '\u200d', '\uFE0F', '😀'), maxLength: 150 }),
  // Huge numbers, as strings here (raw JSON literals are sent by the last test).
  fc.constantFrom('123456789012345678901234567890', '9007199254740993', '1e308', '-1e400', '0x10', '1_000'),
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

  it('counts names in code points and refuses control characters, on either database', async () => {
    const create = (name: string) => system.api.post('/user', { name });
    const twoHundredCodePoints = await create('a\uFE0F'.repeat(100));
    expect(twoHundredCodePoints.status).toBe(400);
    expect(twoHundredCodePoints.body.message).toMatch(/name must be 1 to 100 characters \(code points\)/);
    for (const name of ['a\u0000b', 'line\nbreak', 'bell\u0007', 'x\uD800']) {
      // As JSON, which carries an unpaired surrogate as `\ud800` (a URL would turn it into U+FFFD).
      const refused = await system.api.post('/user', undefined, { body: { name } });
      expect({ name, status: refused.status, code: refused.body.code }).toEqual({
        name,
        status: 400,
        code: 'VALIDATION.FAILED',
      });
    }
    // At the limit, in code points that are not one UTF-16 unit each, the name is stored as sent.
    for (const name of ['a\uFE0F'.repeat(50), '😀'.repeat(100), '👩‍👩‍👧 Zoë']) {
      const created = await create(name);
      expect([created.status, created.body.name]).toEqual([201, name]);
      await system.api.refer(root, created.body.user_id);
      const tree = (await system.api.get(`/referrals/${root}`)).body;
      expect(tree.direct_referrals.find((user: { id: number }) => user.id === created.body.user_id).name).toBe(name);
    }
  });

  it('refuses an Idempotency-Key past its stated limit by naming the header, and never breaks on a long header', async () => {
    const purchase = (key: string) =>
      system.api.post('/purchase', { buyer_id: buyer, amount: 1500 }, { headers: { 'Idempotency-Key': key } });
    const before = await state();
    for (const key of ['k'.repeat(129), 'k'.repeat(195), 'k'.repeat(8_000), 'tab\there', 'é'.repeat(10)]) {
      const refused = await purchase(key);
      expect([refused.status, refused.body.message]).toEqual([
        400,
        'Idempotency-Key must be 1 to 128 printable ASCII characters',
      ]);
    }
    expect(await state()).toEqual(before);
    expect((await purchase('k'.repeat(128))).status).toBe(201);
    // Past Node's header limit (16 KiB) the server refuses the request itself: a 431, never a 5xx.
    const huge = await fetch(`${system.baseUrl}/leaderboard`, {
      headers: { authorization: `Bearer ${system.adminKey}`, 'x-junk': 'j'.repeat(20_000) },
    }).catch(() => undefined);
    expect(huge === undefined || (huge.status >= 400 && huge.status < 500)).toBe(true);
    const longCredential = await system.api.get('/leaderboard', {}, { authorization: `Bearer ${'x'.repeat(10_000)}` });
    expect(longCredential.status).toBe(401);
  });

  it('refuses huge JSON numbers with a 400 error body', async () => {
    const before = await state();
    for (const [path, body] of [
      ['/purchase', `{"buyer_id": ${buyer}, "amount": 1e400}`],
      ['/purchase', `{"buyer_id": ${buyer}, "amount": 123456789012345678901234567890}`],
      ['/purchase', `{"buyer_id": 123456789012345678901234567890, "amount": 1500}`],
      ['/refer', `{"referrer_id": 1e400, "user_id": -1e400}`],
      ['/user', '{"name": 1e400}'],
    ]) {
      const response = await system.api.post(path, undefined, { body });
      expect({ path, body, status: response.status }).toEqual({ path, body, status: 400 });
      expect(response.body).toMatchObject({ statusCode: 400, code: expect.any(String) });
    }
    expect(await state()).toEqual(before);
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
      // Just over the gateway's 64 KiB limit: a body of megabytes can still be in the client's write when the
      // gateway answers 413 and closes, and the client then sees EPIPE instead of the answer.
      await send(`{"name":"${'x'.repeat(70_000)}"}`),
      await send('name=Alice', 'text/plain'),
    ]) {
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(await response.json()).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    }
  });
});
