import type { Browser } from 'playwright-core';
import {
  launchChromium,
  loaded,
  openWatchedPage,
  operatorView,
  type OperatorView,
  pageUrl,
  waitForText,
} from './support/browser';
import { startSystem, type System } from './support/system';

// A browser step can take seconds on a busy machine (see pages.dashboard.e2e-spec.ts).
jest.setTimeout(30_000);

const HOLD_SECONDS = 2;

describe('Pages: the balance on the dashboard, in headless Chromium', () => {
  let system: System;
  let browser: Browser;
  /** The operator's session token: the pages open with it, for any user. */
  let operator: OperatorView;
  const api = () => system.api;

  beforeAll(async () => {
    system = await startSystem({ COMMISSION_HOLD_SECONDS: String(HOLD_SECONDS) });
    browser = await launchChromium();
    operator = await operatorView(system);
  });
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('moves the balance live: a credit lands on hold, is released on time, and a refund takes it back', async () => {
    const alice = await api().createUser('Alice');
    const bob = await api().createUser('Bob');
    await api().refer(alice, bob);
    const { page, problems } = await openWatchedPage(browser);
    await page.goto(pageUrl(operator, `/static/index.html?user_id=${alice}`));
    expect(await loaded(page)).toBe('ready');
    await page.waitForSelector('#connection[data-state="live"]');
    await waitForText(page, '#balance-next-release', 'Nothing on hold');

    const purchase = (await api().post('/purchase', { buyer_id: bob, amount: 2000 })).body as { purchase_id: number };
    await waitForText(page, '#balance-pending', '₹100.00');
    expect(await page.textContent('#balance-available')).toBe('₹0.00');
    expect(await page.textContent('#balance-next-release')).toContain('Next release');

    // No reload and no event: the page looks again when the hold ends.
    await waitForText(page, '#balance-available', '₹100.00');
    expect(await page.textContent('#balance-pending')).toBe('₹0.00');

    expect((await api().post(`/purchase/${purchase.purchase_id}/refund`, { amount: 500 })).status).toBe(201);
    await waitForText(page, '#balance-available', '₹75.00');

    const payout = (await api().post('/payouts', { user_id: alice })).body as { payouts: { payout_id: number }[] };
    expect(payout.payouts).toHaveLength(0); // ₹75 is below the ₹100 minimum
    expect(problems).toEqual([]);
  });
});
