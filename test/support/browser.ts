import type { Browser, BrowserContextOptions, Page } from 'playwright-core';

export { launchChromium } from '../../tools/browser';

/**
 * The browser globals the tests' page functions touch. The test program is compiled without the DOM library,
 * so a page function casts `globalThis` to this (a type only: nothing of it is sent to the browser).
 */
export interface PageGlobals {
  document: {
    querySelector(selector: string): { textContent: string | null } | null;
    documentElement: { scrollWidth: number };
  };
  getComputedStyle(element: unknown): { color: string };
  /** The dashboard's handle for tests (static/js/dashboard.js). */
  dashboard: { chart: { data: { datasets: { data: number[] }[] } } };
  /** Set by a test before an action, to prove the page did not reload. */
  notReloaded?: boolean;
}

export interface WatchedPage {
  page: Page;
  /** Script errors and dialogs (an `alert` from injected markup would be one). A test expects none. */
  problems: string[];
}

/** A page in a fresh context that records script errors and dialogs. */
export async function openWatchedPage(browser: Browser, options: BrowserContextOptions = {}): Promise<WatchedPage> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  // Shorter than the test's own timeout, so that a wait that fails says what it waited for.
  page.setDefaultTimeout(10_000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`script error: ${error.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.type()} ${dialog.message()}`);
    void dialog.dismiss();
  });
  return { page, problems };
}

/** Where the pages are, and the operator's session token that opens them for any user. */
export interface OperatorView {
  baseUrl: string;
  token: string;
}

/**
 * An operator's session token (`POST /session` with the admin key), as the operator link `npm run up` prints
 * carries: the pages never take the key itself. An hour, so that a slow run of a spec file does not outlive it.
 */
export async function operatorView(system: {
  baseUrl: string;
  api: { post(path: string, query: Record<string, number>): Promise<{ status: number; body: { token?: string } }> };
}): Promise<OperatorView> {
  const minted = await system.api.post('/session', { ttl: 3_600 });
  if (minted.status !== 201 || minted.body.token === undefined) {
    throw new Error(`Could not mint an operator session: ${minted.status}`);
  }
  return { baseUrl: system.baseUrl, token: minted.body.token };
}

/**
 * A page's address carrying a credential in `?token=`, as the links people are given do: the operator's
 * session token unless another is named, or none with `null`.
 */
export function pageUrl(view: OperatorView, path: string, token: string | null = view.token): string {
  const url = new URL(path, view.baseUrl);
  if (token !== null) {
    url.searchParams.set('token', token);
  }
  return url.toString();
}

/** Waits until the page has loaded its data (`ready`) or shown why not (`error`), and says which. */
export async function loaded(page: Page): Promise<string | null> {
  const body = await page.waitForSelector('body[data-state="ready"], body[data-state="error"]');
  return body.getAttribute('data-state');
}

/** Waits until the element's whole text is `text` (counters animate towards their value). */
export async function waitForText(page: Page, selector: string, text: string, timeout = 5_000): Promise<void> {
  try {
    await page.waitForFunction(
      ([sel, expected]) =>
        (globalThis as unknown as PageGlobals).document.querySelector(sel)?.textContent?.trim() === expected,
      [selector, text] as const,
      { timeout },
    );
  } catch {
    throw new Error(`${selector} never read "${text}"; it reads "${await page.textContent(selector)}"`);
  }
}

/** The computed text colour of the first match, as `rgb(r, g, b)`. */
export function colourOf(page: Page, selector: string): Promise<string> {
  return page
    .locator(selector)
    .first()
    .evaluate((element) => (globalThis as unknown as PageGlobals).getComputedStyle(element).color);
}

/** True when nothing makes the page wider than its viewport (no sideways scrolling on a phone). */
export async function fitsWidth(page: Page, width: number): Promise<boolean> {
  const scrollWidth = await page.evaluate(
    () => (globalThis as unknown as PageGlobals).document.documentElement.scrollWidth,
  );
  return scrollWidth <= width;
}
