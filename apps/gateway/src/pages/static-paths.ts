import { dirname, join, resolve } from 'node:path';

/**
 * The repository root, from the source tree (apps/gateway/src/pages) and from the build
 * (dist/apps/gateway/src/pages) alike. `npm run build` compiles TypeScript only, so the gateway serves the
 * pages from the source tree either way: no copy step that could go stale.
 */
const REPO_ROOT = resolve(__dirname, '..', '..', '..', '..').replace(/[/\\]dist$/, '');

/** Plain HTML, CSS and ES modules of the pages; no build step. */
export const STATIC_ROOT = join(REPO_ROOT, 'apps', 'gateway', 'static');

/**
 * Chart.js's browser build, straight from the installed package (pinned in package.json): the version the
 * pages get is the one the lock file names, and there is no vendored copy to keep in step. The package's
 * `exports` hide `dist/`, so the file is found next to its CommonJS entry.
 */
export const CHART_JS_FILE = join(dirname(require.resolve('chart.js')), 'chart.umd.min.js');
