import 'reflect-metadata';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { externalStack, ownStack, type BenchStack } from './bench-stack';
import type { BenchContext } from './context';
import { machineInfo, machineLoad } from './machine';
import { FULL, parseOptions, QUICK, type BenchOptions } from './options';
import { measureCeiling } from './parts/ceiling';
import { measurePurchases } from './parts/purchases';
import { measureReads } from './parts/reads';
import { soak } from './parts/soak';
import { measureSseCapacity, measureSseLatency } from './parts/sse';
import { measureWebhooks } from './parts/webhooks';
import { summarizeProfile } from './profile-summary';
import { formatTable } from './report';
import { buildRows, type Failed, type PartResults } from './rows';

/** The repository root, from dist/bench/run.js. */
const ROOT = resolve(__dirname, '..', '..');

/**
 * `npm run bench`: boots the system on SQLite in a temporary directory (or measures BASE_URL), loads it from a
 * separate process over loopback, prints the table of issue 6 and writes bench/results/<time>.json.
 */
async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), process.env);
  const scale = options.quick ? QUICK : FULL;
  const startedAt = new Date();
  const stamp =
    startedAt
      .toISOString()
      .replace(/:/g, '-')
      .replace(/\.\d+Z$/, 'Z') + (options.quick ? '-quick' : '');
  const resultsDir = join(ROOT, 'bench', 'results');
  const profileDir = options.profile && !options.baseUrl ? join(resultsDir, 'profiles', stamp) : undefined;
  if (profileDir) {
    mkdirSync(profileDir, { recursive: true });
  }
  const workDir = mkdtempSync(join(tmpdir(), 'referral-bench-'));
  const context: BenchContext = { options, scale, workDir, profileDir, log: (line) => console.log(line) };
  const machine = machineInfo();
  const loadBefore = machineLoad();
  console.log(
    `Bench ${options.quick ? '(quick) ' : ''}on ${machine.nproc} × ${machine.cpuModel}, Node ${machine.node}; ` +
      `parts: ${[...options.parts].join(', ')}; ${options.baseUrl ? `BASE_URL ${options.baseUrl}` : 'own stack'}`,
  );
  console.log(`Machine load before: ${loadBefore.uptime}`);

  const results: PartResults = {};
  try {
    if (options.parts.has('ceiling')) {
      results.ceiling = await attempt(() => measureCeiling(context));
    }
    const live = ['purchases', 'sse-latency', 'sse-capacity', 'webhooks'] as const;
    if (live.some((part) => options.parts.has(part))) {
      await withStack(options, join(workDir, 'live'), profileDir, async (stack) => {
        if (options.parts.has('purchases')) {
          results.purchases = await attempt(() => measurePurchases(context, stack));
        }
        if (options.parts.has('sse-latency')) {
          results.sseLatency = await attempt(() => measureSseLatency(context, stack));
        }
        if (options.parts.has('sse-capacity')) {
          results.sseCapacity = await attempt(() => measureSseCapacity(context, stack));
        }
        if (options.parts.has('webhooks')) {
          results.webhooks = await attempt(() => measureWebhooks(context, stack));
        }
      }).catch((error: unknown) => {
        results.purchases ??= failure(error);
      });
    }
    if (options.parts.has('reads')) {
      results.reads = options.baseUrl
        ? { error: 'the direct loader needs the services’ SQLite files: run without BASE_URL' }
        : await attempt(() => measureReads(context));
    }
    if (options.parts.has('soak')) {
      await withStack(options, join(workDir, 'soak'), undefined, async (stack) => {
        results.soak = await attempt(() => soak(context, stack));
      }).catch((error: unknown) => {
        results.soak ??= failure(error);
      });
    }
  } finally {
    if (options.keep) {
      console.log(`Data kept in ${workDir}`);
    } else {
      rmSync(workDir, { recursive: true, force: true });
    }
  }

  const rows = buildRows(results, scale);
  const loadAfter = machineLoad();
  const profiles = profileDir
    ? readdirSync(profileDir)
        .filter((name) => name.endsWith('.cpuprofile'))
        .map((name) => summarizeProfile(join(profileDir, name), 12))
    : undefined;
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${stamp}.json`);
  const report = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    options: { ...options, parts: [...options.parts] },
    scale,
    machine,
    load: { before: loadBefore, after: loadAfter },
    rows,
    results,
    profiles,
  };
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);

  console.log(`\n${formatTable(rows)}\n`);
  console.log(
    `Machine: ${machine.nproc} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.natsServer}`,
  );
  console.log(`Load before: ${loadBefore.uptime}\nLoad after:  ${loadAfter.uptime}`);
  console.log('Load generator, NATS and the services share these cores, and other work on the machine adds noise.');
  if (profiles) {
    for (const profile of profiles) {
      const areas = profile.byArea
        .slice(0, 6)
        .map(({ area, percent }) => `${area} ${percent}%`)
        .join(', ');
      console.log(`Profile ${relative(ROOT, profile.file)}: ${profile.busyPercent}% busy; ${areas}`);
    }
  }
  console.log(`Results: ${relative(process.cwd(), file)}`);
}

async function withStack(
  options: BenchOptions,
  dataDir: string,
  profileDir: string | undefined,
  work: (stack: BenchStack) => Promise<void>,
): Promise<void> {
  const stack = options.baseUrl ? externalStack(options.baseUrl) : await ownStack(dataDir, profileDir);
  try {
    await work(stack);
  } finally {
    await stack.stop();
  }
}

/** Runs a part; a part that throws is reported as failed and the run goes on with the next. */
async function attempt<T>(part: () => Promise<T>): Promise<T | Failed> {
  try {
    return await part();
  } catch (error) {
    console.error(`  failed: ${error instanceof Error ? error.message : String(error)}`);
    return failure(error);
  }
}

const failure = (error: unknown): Failed => ({ error: error instanceof Error ? error.message : String(error) });

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
