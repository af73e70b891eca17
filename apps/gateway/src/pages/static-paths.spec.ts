import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CHART_JS_FILE, STATIC_ROOT } from './static-paths';

describe('static paths', () => {
  it('finds the pages in the source tree', () => {
    expect(existsSync(join(STATIC_ROOT, 'index.html'))).toBe(true);
    expect(existsSync(join(STATIC_ROOT, 'referrals.html'))).toBe(true);
  });

  it("finds Chart.js's browser build in the installed package", () => {
    expect(existsSync(CHART_JS_FILE)).toBe(true);
  });
});
