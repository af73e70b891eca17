import type { Browser } from 'playwright-core';
import {
  colourOf,
  fitsWidth,
  launchChromium,
  loaded,
  openWatchedPage,
  operatorView,
  type OperatorView,
  pageUrl,
  waitForText,
} from './support/browser';
import { startSystem, type System } from './support/system';

// A browser step can take seconds on a busy machine. (jest.config.js sets testTimeout on the system project,
// but Jest reads that option only globally, so the 5 s default would apply.)
jest.setTimeout(30_000);

/** The page's status colours (static/css/app.css): AA contrast on white, always beside a word. */
const GREEN = 'rgb(23, 111, 44)';
const RED = 'rgb(179, 38, 30)';
const XSS_NAME = '<img src=x onerror=alert(1)>';

describe('Pages: serving, and the referral tree in headless Chromium', () => {
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

  describe('serving the pages', () => {
    it('serves the dashboard at / and at /static/index.html, with a content security policy', async () => {
      const [root, file] = await Promise.all([
        fetch(`${system.baseUrl}/`),
        fetch(`${system.baseUrl}/static/index.html?user_id=1`),
      ]);
      expect(root.status).toBe(200);
      expect(root.headers.get('content-type')).toMatch(/^text\/html/);
      expect(root.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(await root.text()).toBe(await file.text());
    });

    it('serves Chart.js from the project and loads no script from elsewhere', async () => {
      const chart = await fetch(`${system.baseUrl}/static/vendor/chart.umd.min.js`);
      expect(chart.status).toBe(200);
      expect(chart.headers.get('content-type')).toMatch(/javascript/);
      expect(await chart.text()).toContain('Chart');
      for (const page of ['index.html', 'referrals.html']) {
        const html = await (await fetch(`${system.baseUrl}/static/${page}`)).text();
        expect(html).not.toMatch(/src="(https?:)?\/\//);
      }
    });

    it('answers a missing file with the error body', async () => {
      const response = await api().get('/static/no-such-file.js');
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ statusCode: 404, code: 'ROUTE.NOT_FOUND' });
    });
  });

  describe('the referral tree page', () => {
    /** Root refers Ann and the XSS-named user; Ann refers Carl (inactive) and Dora; the XSS user refers Eve. */
    async function seedTree() {
      const root = await api().createUser('Root');
      const ann = await api().createUser('Ann');
      const xss = await api().createUser(XSS_NAME);
      const carl = await api().createUser('Carl');
      const dora = await api().createUser('Dora');
      const eve = await api().createUser('Eve');
      await api().refer(root, ann);
      await api().refer(root, xss);
      await api().refer(ann, carl);
      await api().refer(ann, dora);
      await api().refer(xss, eve);
      await api().patch(`/user/${carl}/deactivate`);
      return { root, ann, xss, carl, dora, eve };
    }
    const row = (id: number) => `li.person[data-user-id="${id}"] > .person-row`;

    it('nests indirect referrals under the referral they came through', async () => {
      const { root, ann, xss, carl, dora, eve } = await seedTree();
      const { page, problems } = await openWatchedPage(browser);
      await page.goto(pageUrl(operator, `/static/referrals.html?user_id=${root}`));
      expect(await loaded(page)).toBe('ready');

      const ids = (selector: string) =>
        page.locator(selector).evaluateAll((items) => items.map((item) => Number(item.dataset.userId)));
      expect(await ids('#tree > li.person')).toEqual([ann, xss]);
      expect(await ids(`#tree > li[data-user-id="${ann}"] > ul > li.person`)).toEqual([carl, dora]);
      expect(await ids(`#tree > li[data-user-id="${xss}"] > ul > li.person`)).toEqual([eve]);
      expect(await page.textContent(`${row(ann)} .earned`)).toContain('₹0.00');
      expect(await page.getAttribute(`${row(carl)} a[href*="index.html"]`, 'href')).toBe(
        `/static/index.html?user_id=${carl}&token=${operator.token}`,
      );
      expect(await page.getAttribute(`${row(carl)} a[href*="referrals.html"]`, 'href')).toBe(
        `/static/referrals.html?user_id=${carl}&token=${operator.token}`,
      );
      expect(problems).toEqual([]);
    });

    it('shows active users in green and inactive ones in red, each with a label', async () => {
      const { root, ann, carl } = await seedTree();
      const { page, problems } = await openWatchedPage(browser);
      await page.goto(pageUrl(operator, `/static/referrals.html?user_id=${root}`));
      await loaded(page);

      expect(await page.textContent(`${row(ann)} .status-label`)).toBe('active');
      expect(await colourOf(page, `${row(ann)} .status-label`)).toBe(GREEN);
      expect(await colourOf(page, `${row(ann)} .name`)).toBe(GREEN);
      expect(await page.textContent(`${row(carl)} .status-label`)).toBe('inactive');
      expect(await colourOf(page, `${row(carl)} .status-label`)).toBe(RED);
      expect(await colourOf(page, `${row(carl)} .name`)).toBe(RED);
      expect(problems).toEqual([]);
    });

    it('renders a name made of markup as those characters, and runs nothing', async () => {
      const { root, xss } = await seedTree();
      const { page, problems } = await openWatchedPage(browser);
      await page.goto(pageUrl(operator, `/static/referrals.html?user_id=${root}`));
      await loaded(page);

      expect(await page.textContent(`${row(xss)} .name`)).toBe(XSS_NAME);
      expect(await page.locator('#tree img').count()).toBe(0);
      await page.waitForTimeout(200); // an onerror handler would have fired by now
      expect(problems).toEqual([]);
    });

    it('deactivates and reactivates a user from the tree, updating the view', async () => {
      const { root, ann } = await seedTree();
      const { page, problems } = await openWatchedPage(browser);
      await page.goto(pageUrl(operator, `/static/referrals.html?user_id=${root}`));
      await loaded(page);

      await page.click(`${row(ann)} button.toggle`);
      await waitForText(page, `${row(ann)} .status-label`, 'inactive');
      expect(await colourOf(page, `${row(ann)} .name`)).toBe(RED);
      expect(await page.textContent(`${row(ann)} button.toggle`)).toBe('Reactivate');
      expect(await page.textContent('#status-message')).toBe(`Ann (#${ann}) is now inactive.`);
      const afterDeactivate = await api().get(`/referrals/${root}`);
      expect(afterDeactivate.body.direct_referrals[0]).toMatchObject({ id: ann, is_active: false });

      await page.click(`${row(ann)} button.toggle`);
      await waitForText(page, `${row(ann)} .status-label`, 'active');
      expect(await colourOf(page, `${row(ann)} .name`)).toBe(GREEN);
      const afterReactivate = await api().get(`/referrals/${root}`);
      expect(afterReactivate.body.direct_referrals[0]).toMatchObject({ id: ann, is_active: true });
      expect(problems).toEqual([]);
    });

    it('with a user token, shows the tree and the refusal of a deactivation (403) in words', async () => {
      const { root, ann } = await seedTree();
      const token = (await api().post(`/user/${root}/token`)).body.token as string;
      const refused = await api().as(token).patch(`/user/${ann}/deactivate`);
      expect(refused.status).toBe(403);
      const { page, problems } = await openWatchedPage(browser);
      await page.goto(pageUrl(operator, `/static/referrals.html?user_id=${root}`, token));
      expect(await loaded(page)).toBe('ready');

      await page.click(`${row(ann)} button.toggle`);
      await waitForText(
        page,
        '#status-message',
        `Could not deactivate Ann (#${ann}): ${refused.body.message as string}`,
      );
      expect(await page.textContent(`${row(ann)} .status-label`)).toBe('active');
      expect((await api().get(`/referrals/${root}`)).body.direct_referrals[0]).toMatchObject({ is_active: true });
      expect(problems).toEqual([]);
    });

    it("shows an unknown user's error in words", async () => {
      const expected = (await api().get('/referrals/999999')).body.message as string;
      const { page, problems } = await openWatchedPage(browser);
      await page.goto(pageUrl(operator, '/static/referrals.html?user_id=999999'));
      expect(await loaded(page)).toBe('error');
      expect(await page.textContent('#page-error')).toBe(expected);
      expect(await page.isVisible('#page-error')).toBe(true);
      expect(problems).toEqual([]);
    });

    it('fits a 375 px wide screen', async () => {
      const { root } = await seedTree();
      const { page } = await openWatchedPage(browser, { viewport: { width: 375, height: 812 } });
      await page.goto(pageUrl(operator, `/static/referrals.html?user_id=${root}`));
      await loaded(page);
      expect(await fitsWidth(page, 375)).toBe(true);
    });
  });
});
