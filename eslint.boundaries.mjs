// @ts-check
// The architecture's dependency rules, checked by eslint-plugin-import's `no-restricted-paths` inside
// `npm run lint` (dependency-cruiser 18 would read better, but it refuses to run on Node 20, which we still
// support). Paths are resolved files, so a deep relative import and an `@app/*` alias are caught alike.
import importPlugin from 'eslint-plugin-import';

const APPS = ['gateway', 'referrals', 'commissions', 'notifier'];

/** Generic machinery that libs/platform may take from the contracts; business constants stay out of it. */
const PLATFORM_MAY_USE_FROM_CONTRACTS = [
  'DomainError',
  'ErrorCode',
  'ErrorBody',
  'EventSubject',
  'RequestSubject',
  'batchSubjectOf',
  'PayloadOf',
  'RequestOf',
  'ResponseOf',
];

const zones = [
  ...APPS.map((app) => ({
    target: `./apps/${app}`,
    from: './apps',
    except: [`./${app}`],
    message: 'An app never imports another app: services talk over NATS, through @app/contracts.',
  })),
  {
    target: './libs/contracts',
    from: ['./apps', './libs/platform', './libs/testing', './tools', './test', './bench'],
    message: 'libs/contracts is the shared language: it imports no app, no platform and no tooling.',
  },
  {
    target: './libs/platform',
    from: ['./apps', './libs/testing', './tools', './test', './bench'],
    message: 'libs/platform is infrastructure for every app: it imports no app and no test code.',
  },
  {
    target: './libs/testing',
    from: './apps',
    message: 'Shared test helpers start services from what a test hands them; they import no app.',
  },
  {
    target: './apps',
    from: ['./test', './bench', './tools'],
    message: "Apps' tests share helpers through @app/testing (libs/testing), not test/, bench/ or tools/.",
  },
  {
    target: ['./test', './tools', './bench'],
    from: './apps',
    // The ceiling bench measures the gateway's own purchase DTO and its validation on a bare path: that is its point.
    except: ['./gateway/src/purchases/purchases.dto.ts', './gateway/src/http/input.decorator.ts'],
    message: 'System tests, tools and benchmarks reach the apps only through the processes they start.',
  },
];

/** @type {import('eslint').Linter.Config[]} */
export const boundaries = [
  {
    files: ['**/*.ts'],
    plugins: { import: importPlugin },
    settings: {
      'import/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import/resolver': { typescript: { project: './tsconfig.json' }, node: true },
    },
    rules: { 'import/no-restricted-paths': ['error', { zones }] },
  },
  {
    files: ['libs/platform/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@app/contracts',
              allowImportNames: PLATFORM_MAY_USE_FROM_CONTRACTS,
              message: 'libs/platform takes only error and message machinery from the contracts, no business constant.',
            },
          ],
        },
      ],
    },
  },
];
