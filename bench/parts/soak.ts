import { shareOf } from '@app/contracts';
import { SERVICES, type ServiceName } from '../../tools/stack/stack';
import type { BenchStack } from '../bench-stack';
import type { BenchContext } from '../context';
import { runLoad } from '../load-process';
import type { PacedResult, SumEarningsResult } from '../load/protocol';
import { rssKiB } from '../machine';
import { median } from '../stats';
import { createForest } from './forest';

/** The services' default rules (README, Configuration). */
const RATES_BP = { 1: 500, 2: 100 } as const;
const CAP_PER_LEVEL_PAISE = 100_000;
const AMOUNT = '1000';
const AMOUNT_PAISE = 100_000;
const RSS_SAMPLE_MS = 5_000;

export interface SoakOutcome {
  paced: Omit<PacedResult, 'okPerBuyer'>;
  /** Per service: RSS samples (KiB) every 5 s, and the growth from the early window to the last one. */
  rss: Partial<Record<ServiceName, { samplesKiB: number[]; earlyKiB: number; lateKiB: number; growth: number }>>;
  expectedPaise: number;
  books: SumEarningsResult;
}

/**
 * `--soak`: purchases at a fixed rate for minutes, each service's RSS sampled; at the end every credit must be
 * accounted for: what the users' `/earnings` add up to equals the shares the successful purchases owed, each
 * user's level capped at ₹1000, computed here independently of the service.
 */
export async function soak(context: BenchContext, stack: BenchStack): Promise<SoakOutcome> {
  const { scale } = context;
  context.log(`Soak: ${scale.soakRate}/s for ${scale.soakS} s`);
  const forest = await createForest(context, stack, scale.soakForest, 'Soak');
  const samples: Partial<Record<ServiceName, number[]>> = {};
  const sample = (): void => {
    for (const [name, pid] of Object.entries(stack.pids()) as [ServiceName, number][]) {
      const rss = rssKiB(pid);
      if (rss !== undefined) {
        (samples[name] ??= []).push(rss);
      }
    }
  };
  sample();
  const timer = setInterval(sample, RSS_SAMPLE_MS);
  let paced: PacedResult;
  try {
    paced = await runLoad({
      kind: 'paced',
      baseUrl: stack.baseUrl,
      buyers: forest.buyers,
      amount: AMOUNT,
      rate: scale.soakRate,
      durationS: scale.soakS,
      windowS: Math.max(1, Math.round(scale.soakS / 30)),
    });
  } finally {
    clearInterval(timer);
  }
  sample();

  const { okPerBuyer, ...pacedSummary } = paced;
  // The model: each buyer's successful purchases owe 5% to the referrer and 1% to the referrer's referrer.
  const owed = new Map<string, number>();
  const owe = (userId: number | undefined, level: 1 | 2, times: number): void => {
    if (userId) {
      const key = `${userId}:${level}`;
      owed.set(key, (owed.get(key) ?? 0) + times * shareOf(AMOUNT_PAISE, RATES_BP[level]));
    }
  };
  forest.buyers.forEach((buyer, index) => {
    const referrer = forest.parentOf.get(buyer);
    owe(referrer, 1, okPerBuyer[index]);
    owe(referrer && forest.parentOf.get(referrer), 2, okPerBuyer[index]);
  });
  const expectedPaise = [...owed.values()].reduce((sum, paise) => sum + Math.min(paise, CAP_PER_LEVEL_PAISE), 0);
  context.log('  checking the books: /earnings of every user in the forest…');
  const books = await runLoad({ kind: 'sum-earnings', baseUrl: stack.baseUrl, userIds: forest.ids, concurrency: 32 });

  const earlyFrom = Math.floor((scale.soakS * 0.1 * 1000) / RSS_SAMPLE_MS);
  const span = Math.max(1, Math.floor((scale.soakS * 0.2 * 1000) / RSS_SAMPLE_MS));
  const rss: SoakOutcome['rss'] = {};
  for (const name of SERVICES) {
    const list = samples[name];
    if (list && list.length > 2) {
      const earlyKiB = median(list.slice(earlyFrom, earlyFrom + span));
      const lateKiB = median(list.slice(-span));
      rss[name] = { samplesKiB: list, earlyKiB, lateKiB, growth: lateKiB / earlyKiB - 1 };
    }
  }
  return { paced: pacedSummary, rss, expectedPaise, books };
}
