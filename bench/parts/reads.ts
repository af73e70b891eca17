import { join } from 'node:path';
import { ownStack } from '../bench-stack';
import { measured, type BenchContext, type WindowStats } from '../context';
import { runLoad } from '../load-process';
import type { CannonResult } from '../load/protocol';
import { seedForReads, type SeedResult } from '../seed/reads-seed';

export interface ReadsOutcome {
  seed: Omit<SeedResult, 'referrers' | 'earners'>;
  endpoints: { path: string; cannon: CannonResult; window: WindowStats }[];
}

/**
 * Part 4: the services' databases loaded directly (not through the API) with a large forest and its earnings,
 * then `/earnings/{id}`, `/leaderboard` and `/referrals/{id}` under closed-loop load, one after the other.
 */
export async function measureReads(context: BenchContext): Promise<ReadsOutcome> {
  const { scale } = context;
  const dataDir = join(context.workDir, 'reads');
  context.log(
    `Reads: seeding ${scale.readUsers.toLocaleString('en')} users and ${scale.readEarnings.toLocaleString('en')} earnings`,
  );
  // The services create their schema with their own migrations at start-up; then the loader fills it.
  await (await ownStack(dataDir)).stop();
  const seed = seedForReads({
    referralsDb: join(dataDir, 'referrals.sqlite'),
    commissionsDb: join(dataDir, 'commissions.sqlite'),
    users: scale.readUsers,
    earnings: scale.readEarnings,
    log: (line) => context.log(line),
  });
  const { referrers, earners, ...counts } = seed;
  const stack = await ownStack(dataDir, context.profileDir);
  try {
    const targets = [
      { path: '/earnings/{id}', paths: earners.map((id) => `/earnings/${id}`) },
      { path: '/leaderboard', paths: ['/leaderboard'] },
      { path: '/referrals/{id}', paths: referrers.map((id) => `/referrals/${id}`) },
    ];
    const endpoints: ReadsOutcome['endpoints'] = [];
    for (const target of targets) {
      context.log(`  GET ${target.path}: ${scale.connections} connections for ${scale.readS} s`);
      const task = {
        kind: 'cannon' as const,
        title: target.path,
        baseUrl: stack.baseUrl,
        method: 'GET' as const,
        paths: target.paths,
        connections: scale.connections,
        durationS: scale.warmupS,
        warmupS: 0,
      };
      await runLoad(task);
      const { result, window } = await measured(context, stack, () => runLoad({ ...task, durationS: scale.readS }));
      endpoints.push({ path: target.path, cannon: result, window });
    }
    return { seed: counts, endpoints };
  } finally {
    await stack.stop();
  }
}
