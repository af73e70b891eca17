import type { Browser, Page } from 'playwright-core';
import {
  fitsWidth,
  launchChromium,
  loaded,
  openWatchedPage,
  type PageGlobals,
  operatorView,
  type OperatorView,
  pageUrl,
  waitForText,
} from './support/browser';
import { eventually } from '@app/testing';
import { startSystem, type System } from './support/system';

// A browser step can take seconds on a busy machine. (jest.config.js sets testTimeout on the system project,
// but Jest reads that option only globally, so the 5 s default would apply.)
jest.setTimeout(30_000);

/** The chart's data as Chart.js holds it: rupees for level 1 and level 2. */
const chartData = (page: Page): Promise<number[]> =>
  page.evaluate(() => [...(globalThis as unknown as PageGlobals).dashboard.chart.data.datasets[0].data]);

describe('Pages: the earnings dashboard in headless Chromium', () => {
  let system: System;
  let browser: Browser;
  /** The operator's session token: the pages open with it, for any user. */
  let operator: OperatorView;
  const api = () => system.api;

  beforeAll(async () => {
    system = await startSystem();
    browser = await launchChromium();
    operator = await operatorView(system);
  });
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  /** Alice refers Bob: a purchase by Bob pays Alice at level 1. */
  async function aliceAndBob() {
    const alice = await api().createUser('Alice');
    const bob = await api().createUser('Bob');
    await api().refer(alice, bob);
    return { alice, bob };
  }

  it('shows a refund live: the counters, the cap and the chart go back, and the reversal is listed as a refund', async () => {
    const { alice, bob } = await aliceAndBob();
    const purchase = (await api().post('/purchase', { buyer_id: bob, amount: 2000 })).body as { purchase_id: number };
    const { page, problems } = await openWatchedPage(browser);
    await page.goto(pageUrl(operator, `/static/index.html?user_id=${alice}`));
    expect(await loaded(page)).toBe('ready');
    await page.waitForSelector('#connection[data-state="live"]');
    await waitForText(page, '#level-1', '₹100.00');

    expect((await api().post(`/purchase/${purchase.purchase_id}/refund`, { amount: 500 })).status).toBe(201);
    await waitForText(page, '#level-1', '₹75.00');
    await waitForText(page, '#total', '₹75.00');
    expect(await chartData(page)).toEqual([75, 0]);
    expect(await page.textContent('#cap-1-text')).toContain('₹925.00 left');
    const reversal = page.locator('#credits li.credit.reversal').first();
    expect(await reversal.locator('.credit-amount').textContent()).toContain('25.00');
    expect(await reversal.textContent()).toContain(`refund of purchase #${purchase.purchase_id}`);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows a qualifying purchase made through the form in the counters, the chart and the credits, live', async () => {
    const { alice, bob } = await aliceAndBob();
    // A zone far from UTC, to see that times are shown in the viewer's own.
    const { page, problems } = await openWatchedPage(browser, { timezoneId: 'Asia/Kolkata', locale: 'en-US' });
    await page.goto(pageUrl(operator, `/static/index.html?user_id=${alice}`));
    expect(await loaded(page)).toBe('ready');
    await page.waitForSelector('#connection[data-state="live"]');
    expect(await page.textContent('#connection')).toBe('Live');
    expect(await page.textContent('#total')).toBe('₹0.00');
    expect(await page.textContent('#level-1')).toBe('₹0.00');
    expect(await chartData(page)).toEqual([0, 0]);
    await page.evaluate(() => {
      (globalThis as unknown as PageGlobals).notReloaded = true;
    });

    await page.fill('#buyer-id', String(bob));
    await page.fill('#amount', '1500');
    await page.click('#purchase-form button[type="submit"]');
    await page.waitForSelector('#purchase-result[data-state="done"]');
    const result = await page.textContent('#purchase-result');
    expect(result).toContain('qualifies');
    expect(result).toContain('₹75.00');
    expect(result).toContain('credited');

    // Moved by the live event, not by a reload.
    await waitForText(page, '#level-1', '₹75.00');
    await waitForText(page, '#total', '₹75.00');
    expect(await page.textContent('#level-2')).toBe('₹0.00');
    expect(await chartData(page)).toEqual([75, 0]);
    expect(await page.textContent('#cap-1-text')).toContain('₹925.00 left');
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).notReloaded)).toBe(true);

    const credit = page.locator('#credits li.credit').first();
    expect(await credit.textContent()).toContain('₹75.00');
    expect(await credit.locator('.credit-source').textContent()).toBe(`from Bob (#${bob})`);
    const time = credit.locator('time');
    expect(await time.getAttribute('datetime')).toMatch(/Z$/);
    expect(await time.textContent()).toContain('GMT+5:30');
    expect(problems).toEqual([]);
  });

  it('never misses a credit made after the snapshot loaded and before the stream subscribed', async () => {
    const { alice, bob } = await aliceAndBob();
    expect((await api().post('/purchase', { buyer_id: bob, amount: 1000 })).status).toBe(201);
    const { page, problems } = await openWatchedPage(browser);
    let snapshotServed = false;
    page.on('response', (response) => {
      if (new URL(response.url()).pathname === `/earnings/${alice}`) {
        snapshotServed = true;
      }
    });
    let heldOnce = false;
    // The stream's first request is held until the snapshot has been served and a purchase made after it.
    await page.route('**/events/**', async (route) => {
      if (!heldOnce) {
        heldOnce = true;
        await eventually(() => snapshotServed, 'the snapshot to be served');
        expect((await api().post('/purchase', { buyer_id: bob, amount: 2000 })).status).toBe(201);
      }
      await route.continue();
    });
    await page.goto(pageUrl(operator, `/static/index.html?user_id=${alice}`));
    expect(await loaded(page)).toBe('ready');
    await page.waitForSelector('#connection[data-state="live"]');
    await waitForText(page, '#level-1', '₹150.00');
    await waitForText(page, '#total', '₹150.00');
    expect(await page.locator('#credits li.credit').count()).toBe(2);
    expect(problems).toEqual([]);
  });

  it('shows a refused purchase with its error in words', async () => {
    const { alice } = await aliceAndBob();
    const refusal = { buyer_id: 999_999, amount: 1500 };
    const expected = (await api().post('/purchase', refusal)).body.message as string; // refused: records nothing
    const { page, problems } = await openWatchedPage(browser);
    await page.goto(pageUrl(operator, `/static/index.html?user_id=${alice}`));
    await loaded(page);

    await page.fill('#buyer-id', String(refusal.buyer_id));
    await page.fill('#amount', String(refusal.amount));
    await page.click('#purchase-form button[type="submit"]');
    await page.waitForSelector('#purchase-result[data-state="error"]');
    expect(await page.textContent('#purchase-result [role="alert"]')).toBe(`Purchase refused: ${expected}`);
    expect(problems).toEqual([]);
  });

  it('shows the error in words for an unknown user, and no numbers', async () => {
    const expected = (await api().get('/earnings/999999')).body.message as string;
    const { page, problems } = await openWatchedPage(browser);
    await page.goto(pageUrl(operator, '/static/index.html?user_id=999999'));
    expect(await loaded(page)).toBe('error');
    expect(await page.textContent('#page-error')).toBe(expected);
    expect(await page.isVisible('#dashboard')).toBe(false);
    expect(await page.textContent('#connection')).toBe('Not connected');
    expect(problems).toEqual([]);
  });

  it('serves the dashboard at / and asks for a user when none is given, keeping the token', async () => {
    const { page, problems } = await openWatchedPage(browser);
    await page.goto(pageUrl(operator, '/'));
    await page.waitForSelector('body[data-state="no-user"]');
    expect(await page.isVisible('#choose-user')).toBe(true);
    await page.fill('#pick-user', '7');
    await page.click('.user-picker button[type="submit"]');
    await page.waitForURL(`${system.baseUrl}/static/index.html?user_id=7&token=${operator.token}`);
    expect(problems).toEqual([]);
  });

  describe('credentials', () => {
    /** A user token for `userId`, as `POST /user/{id}/token` mints it for a browser. */
    const tokenFor = async (userId: number): Promise<string> =>
      (await api().post(`/user/${userId}/token`)).body.token as string;

    it("with a user token, reads the user's numbers and sends the token on fetches and on the stream", async () => {
      const { alice } = await aliceAndBob();
      const token = await tokenFor(alice);
      const { page, problems } = await openWatchedPage(browser);
      const earnings = page.waitForRequest((request) => request.url().includes(`/earnings/${alice}`));
      const stream = page.waitForRequest((request) => request.url().includes(`/events/${alice}`));
      await page.goto(pageUrl(operator, `/static/index.html?user_id=${alice}`, token));
      expect(await loaded(page)).toBe('ready');
      expect(await page.textContent('#total')).toBe('₹0.00');
      expect((await earnings).headers().authorization).toBe(`Bearer ${token}`);
      expect(new URL((await stream).url()).searchParams.get('access_token')).toBe(token);
      expect(await page.getAttribute('a[data-link="referrals"]', 'href')).toBe(
        `/static/referrals.html?user_id=${alice}&token=${token}`,
      );
      expect(problems).toEqual([]);
    });

    it('with a user token, shows the refusal of a purchase (403) in words', async () => {
      const { alice, bob } = await aliceAndBob();
      const token = await tokenFor(alice);
      const refused = await api().as(token).post('/purchase', { buyer_id: bob, amount: 1500 });
      expect(refused.status).toBe(403);
      const { page, problems } = await openWatchedPage(browser);
      await page.goto(pageUrl(operator, `/static/index.html?user_id=${alice}`, token));
      await loaded(page);

      await page.fill('#buyer-id', String(bob));
      await page.fill('#amount', '1500');
      await page.click('#purchase-form button[type="submit"]');
      await page.waitForSelector('#purchase-result[data-state="error"]');
      expect(await page.textContent('#purchase-result [role="alert"]')).toBe(
        `Purchase refused: ${refused.body.message as string}`,
      );
      expect((await api().get(`/earnings/${alice}`)).body.total_earnings).toBe(0);
      expect(problems).toEqual([]);
    });

    it('keeps the token for the tab: a reload without it in the address still works', async () => {
      const { alice } = await aliceAndBob();
      const { page, problems } = await openWatchedPage(browser);
      await page.goto(pageUrl(operator, `/static/index.html?user_id=${alice}`, await tokenFor(alice)));
      expect(await loaded(page)).toBe('ready');
      await page.goto(pageUrl(operator, `/static/index.html?user_id=${alice}`, null));
      expect(await loaded(page)).toBe('ready');
      expect(problems).toEqual([]);
    });

    it('opens the dashboard_url of POST /session: the operator session, no key in the address', async () => {
      const { alice } = await aliceAndBob();
      const { dashboard_url: link } = (await api().post('/session')).body as { dashboard_url: string };
      const { page, problems } = await openWatchedPage(browser);
      await page.goto(pageUrl(operator, link, null));
      await page.waitForSelector('body[data-state="no-user"]');
      await page.fill('#pick-user', String(alice));
      await page.click('.user-picker button[type="submit"]');
      expect(await loaded(page)).toBe('ready');
      await page.waitForSelector('#connection[data-state="live"]');
      expect(page.url()).not.toContain(system.adminKey);
      expect(problems).toEqual([]);
    });

    it('never takes an API key from its address: says to use a session token, and keeps nothing', async () => {
      const { alice } = await aliceAndBob();
      const { page, problems } = await openWatchedPage(browser);
      const sent: string[] = [];
      page.on('request', (request) => sent.push(`${request.url()} ${request.headers().authorization ?? ''}`));
      await page.goto(pageUrl(operator, `/static/index.html?user_id=${alice}`, system.adminKey));
      expect(await loaded(page)).toBe('error');
      expect(await page.textContent('#page-error')).toMatch(/API key.*session token.*POST \/session/);
      const stored = await page.evaluate(() =>
        JSON.stringify({ ...(globalThis as unknown as { sessionStorage: object }).sessionStorage }),
      );
      expect(stored).not.toContain(system.adminKey);
      // Only the page's own address held it; no request carried it on.
      expect(sent.filter((line) => line.includes(system.adminKey)).length).toBe(1);
      expect(problems).toEqual([]);
    });

    it('without a credential, says in words that the page needs an access token', async () => {
      const { alice } = await aliceAndBob();
      const { page, problems } = await openWatchedPage(browser);
      await page.goto(pageUrl(operator, `/static/index.html?user_id=${alice}`, null));
      expect(await loaded(page)).toBe('error');
      expect(await page.textContent('#page-error')).toMatch(/credential is required.*\?token=/);
      expect(await page.textContent('#connection')).toBe('Not connected');
      expect(problems).toEqual([]);
    });
  });

  it('fits a 375 px wide screen', async () => {
    const { alice } = await aliceAndBob();
    const { page } = await openWatchedPage(browser, { viewport: { width: 375, height: 812 } });
    await page.goto(pageUrl(operator, `/static/index.html?user_id=${alice}`));
    await loaded(page);
    expect(await fitsWidth(page, 375)).toBe(true);
  });
});
