import type { OpenAPIObject } from '@nestjs/swagger';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { STATIC_ROOT } from './pages/static-paths';

/** The pages' folder of generated types: `openapi.d.ts` (openapi-typescript's output) and `types.js` (JSDoc names). */
export const PAGE_TYPES_DIR = join(STATIC_ROOT, 'js');

const HEADER = 'Generated from /openapi.json by `npm run generate:page-types`: do not edit (a test checks it matches).';

/**
 * The names the pages use, as types of the document's schemas. Most are a schema as it is; a few join two (an
 * entry of `/earnings` and the data of an `/events` message are one credit to the pages).
 */
const PAGE_NAMES: Record<string, string> = {
  EarningsResponse: "Schemas['EarningsResponse']",
  PurchaseResponse: "Schemas['PurchaseResponse']",
  Commission: "Schemas['CommissionResponse']",
  ReferralsResponse: "Schemas['ReferralsResponse']",
  UserStatusResponse: "Schemas['UserStatusResponse']",
  BalanceResponse: "Schemas['BalanceResponse']",
  Level: "Schemas['CreditEventData']['level']",
  ReferralEntry: "Schemas['ReferralEntry'] & Partial<Pick<Schemas['IndirectReferralEntry'], 'via'>>",
  Credit:
    "Omit<Schemas['EarningDetail'], 'earning_id'> & " +
    "Partial<Pick<Schemas['EarningDetail'], 'earning_id'> & Pick<Schemas['CreditEventData'], 'total_earnings'>>",
};

/** The two files, generated from `document` with `openapi-typescript` (run as its CLI, as a developer would). */
export async function pageTypes(document: OpenAPIObject): Promise<Record<'openapi.d.ts' | 'types.js', string>> {
  const dir = mkdtempSync(join(tmpdir(), 'page-types-'));
  try {
    writeFileSync(join(dir, 'openapi.json'), JSON.stringify(document));
    const cli = join(require.resolve('openapi-typescript/package.json'), '..', 'bin', 'cli.js');
    await promisify(execFile)(process.execPath, [cli, join(dir, 'openapi.json'), '-o', join(dir, 'openapi.d.ts')]);
    const api = readFileSync(join(dir, 'openapi.d.ts'), 'utf8');
    const names = Object.entries(PAGE_NAMES).map(([name, type]) => `/** @typedef {${type}} ${name} */`);
    const types = [
      `// ${HEADER}`,
      "// The API's answers as the pages read them, named after the document's schemas. JSDoc only: nothing runs.",
      '',
      "/** @typedef {import('./openapi').components['schemas']} Schemas */",
      ...names,
      '',
      'export {};',
      '',
    ].join('\n');
    return { 'openapi.d.ts': `// ${HEADER}\n${api}`, 'types.js': types };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
