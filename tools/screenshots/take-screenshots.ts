import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../browser';
import { startNats } from '../stack/nats-server';
import { startStack } from '../stack/stack';
import { seedDemo, type DemoData } from './seed-demo';

/** Where the README finds the pictures, run from the source tree or from dist/ alike (as tools/stack does). */
const REPO_ROOT = resolve(__dirname, '..', '..').replace(/[/\\]dist$/, '');
const OUTPUT_DIR = join(REPO_ROOT, 'docs', 'screenshots');

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 812 };

/**
 * `npm run screenshots`: boots the stack on a fresh temporary database, seeds a small tree (and purchases,
 * where the gateway takes them), and saves PNGs of both pages, on a desktop and at 375 px, to docs/screenshots/.
 */
async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'referral-screenshots-'));
  const nats = await startNats(join(dataDir, 'nats'), process.env.NATS_URL);
  const stack = await startStack({ natsUrl: nats.url, dataDir });
  try {
    await stack.ready(60_000);
    const demo = await seedDemo(stack.baseUrl, stack.adminKey);
    mkdirSync(OUTPUT_DIR, { recursive: true });
    const browser = await launchChromium();
    try {
      await photograph(browser, stack.baseUrl, stack.adminKey, demo);
    } finally {
      await browser.close();
    }
    console.log(`Screenshots saved in ${OUTPUT_DIR}`);
  } catch (error) {
    console.error(`Service logs are kept in ${dataDir}`);
    throw error;
  } finally {
    await stack.stop();
    await nats.stop();
  }
  rmSync(dataDir, { recursive: true, force: true });
}

async function photograph(browser: Browser, baseUrl: string, adminKey: string, demo: DemoData): Promise<void> {
  // An admin session token in the address, as an operator's link carries it (never the key): the form and the
  // toggles work.
  const session = await fetch(new URL('/session', baseUrl), {
    method: 'POST',
    headers: { authorization: `Bearer ${adminKey}` },
  });
  if (!session.ok) {
    throw new Error(`Could not mint an operator session: ${session.status}`);
  }
  const token = `&token=${encodeURIComponent(((await session.json()) as { token: string }).token)}`;
  // A fixed zone and locale, so that the pictures do not depend on the machine that took them.
  const context = await browser.newContext({ timezoneId: 'Asia/Kolkata', locale: 'en-IN', reducedMotion: 'reduce' });
  const page = await context.newPage();
  for (const [suffix, viewport] of [
    ['', DESKTOP],
    ['-mobile', PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    await open(page, `${baseUrl}/static/index.html?user_id=${demo.rootId}${token}`);
    if (demo.purchasesRecorded) {
      await buyThroughForm(page, demo.buyerId, '1500');
    }
    await page.screenshot({ path: join(OUTPUT_DIR, `dashboard${suffix}.png`), fullPage: true });

    await open(page, `${baseUrl}/static/referrals.html?user_id=${demo.rootId}${token}`);
    await page.screenshot({ path: join(OUTPUT_DIR, `referrals${suffix}.png`), fullPage: true });
  }
  await context.close();
}

/** Opens a page and waits until it has loaded its data (or shown why it could not). */
async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('body[data-state="ready"], body[data-state="error"]');
  // The connection indicator settles once the stream answers (or is refused, before notifier lands).
  await page
    .waitForSelector('#connection[data-state="live"], #connection[data-state="down"]', { timeout: 3_000 })
    .catch(() => undefined);
}

/** Shows the form's answer and a live credit arriving, as a visitor would see them. */
async function buyThroughForm(page: Page, buyerId: number, amount: string): Promise<void> {
  await page.fill('#buyer-id', String(buyerId));
  await page.fill('#amount', amount);
  await page.click('#purchase-form button[type="submit"]');
  await page.waitForSelector('#purchase-result[data-state="done"], #purchase-result[data-state="error"]');
  await page.waitForTimeout(500);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
