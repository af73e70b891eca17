import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * The architecture's dependency rules fail `npm run lint`: probe files that break them (and two that keep
 * them, so that a rule firing on everything would fail here too) are written into the tree, linted with the
 * project's own eslint config, and removed.
 */
const root = join(__dirname, '..');
const probeName = `boundary-probe-${process.pid}.ts`;

interface Probe {
  dir: string;
  source: string;
  /** The rule that must report it, or null when the import is allowed. */
  rule: string | null;
}

const PROBES: Record<string, Probe> = {
  'an app importing another app': {
    dir: 'apps/commissions/src',
    source: "import { AppModule } from '../../gateway/src/app.module';\nexport const probe = AppModule;\n",
    rule: 'import/no-restricted-paths',
  },
  'an app importing another app through a deep path of a test': {
    dir: 'apps/notifier/test',
    source:
      "import { UsersService } from '../../referrals/src/users/users.service';\nexport const probe = UsersService;\n",
    rule: 'import/no-restricted-paths',
  },
  "an app's test reaching into test/support": {
    dir: 'apps/referrals/test',
    source: "import { startSystem } from '../../../test/support/system';\nexport const probe = startSystem;\n",
    rule: 'import/no-restricted-paths',
  },
  'the contracts importing the platform': {
    dir: 'libs/contracts/src',
    source: "import { MessagingModule } from '@app/platform';\nexport const probe = MessagingModule;\n",
    rule: 'import/no-restricted-paths',
  },
  'the platform importing an app': {
    dir: 'libs/platform/src',
    source: "import { GatewayConfig } from '../../../apps/gateway/src/config';\nexport const probe = GatewayConfig;\n",
    rule: 'import/no-restricted-paths',
  },
  'the platform importing a business constant': {
    dir: 'libs/platform/src',
    source: "import { EARNINGS_STREAM } from '@app/contracts';\nexport const probe = EARNINGS_STREAM;\n",
    rule: 'no-restricted-imports',
  },
  'a system test importing app code': {
    dir: 'test',
    source: "import { UserTokens } from '../apps/gateway/src/auth/user-tokens';\nexport const probe = UserTokens;\n",
    rule: 'import/no-restricted-paths',
  },
  'a benchmark importing app code': {
    dir: 'bench/parts',
    source: "import { AppModule } from '../../apps/referrals/src/app.module';\nexport const probe = AppModule;\n",
    rule: 'import/no-restricted-paths',
  },
  'an app importing its own code (allowed)': {
    dir: 'apps/gateway/src',
    source: "import { AppModule } from './app.module';\nexport const probe = AppModule;\n",
    rule: null,
  },
  "the ceiling bench using the gateway's purchase DTO (allowed)": {
    dir: 'bench/ceiling',
    source:
      "import { PurchaseInput } from '../../apps/gateway/src/purchases/purchases.dto';\nexport const probe = PurchaseInput;\n",
    rule: null,
  },
};

interface LintResult {
  filePath: string;
  messages: { ruleId: string | null; message: string }[];
}

describe('architecture boundaries in npm run lint', () => {
  const results = new Map<string, LintResult>();

  beforeAll(async () => {
    const files = Object.values(PROBES).map(({ dir, source }, index) => {
      const file = join(root, dir, `${index}-${probeName}`);
      writeFileSync(file, source);
      return file;
    });
    try {
      // eslint exits 1 when it reports errors, which is the point here: read its JSON report either way.
      const { stdout } = await promisify(execFile)(
        join(root, 'node_modules/.bin/eslint'),
        ['--format', 'json', '--no-warn-ignored', ...files],
        { cwd: root, maxBuffer: 16 * 1024 * 1024 },
      ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
      for (const result of JSON.parse(stdout) as LintResult[]) {
        results.set(result.filePath, result);
      }
    } finally {
      files.forEach((file) => rmSync(file, { force: true }));
    }
  }, 120_000);

  it.each(Object.entries(PROBES).map(([name, probe], index) => [name, index, probe] as const))(
    '%s',
    (_name, index, { dir, rule }) => {
      const result = results.get(join(root, dir, `${index}-${probeName}`));
      expect(result).toBeDefined();
      const rules = result!.messages.map((message) => message.ruleId);
      if (rule === null) {
        expect(rules).toEqual([]);
      } else {
        expect(rules).toContain(rule);
      }
    },
  );
});
