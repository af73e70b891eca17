import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { BenchStack } from '../bench-stack';
import { measured, type BenchContext, type WindowStats } from '../context';
import { runLoad } from '../load-process';
import type { CannonResult, CannonTask } from '../load/protocol';
import { purchasePath } from '../load/purchases';
import { createForest } from './forest';

export interface PurchasesOutcome {
  users: number;
  cannon: CannonResult;
  window: WindowStats;
  /** How the shares of every purchase so far were settled (from the commissions database). */
  shares?: Record<string, number>;
}

/** Part 1: qualifying purchases at 32 connections over a 10,000-user forest, end to end through the gateway. */
export async function measurePurchases(context: BenchContext, stack: BenchStack): Promise<PurchasesOutcome> {
  const { scale } = context;
  context.log(`Purchases: ${scale.connections} connections for ${scale.purchaseS} s`);
  const forest = await createForest(context, stack, scale.purchaseForest, 'Buyer');
  const task: CannonTask = {
    kind: 'cannon',
    title: 'purchases',
    baseUrl: stack.baseUrl,
    method: 'POST',
    paths: forest.buyers.map((buyer) => purchasePath(buyer, '1000')),
    connections: scale.connections,
    durationS: scale.warmupS,
    warmupS: 0,
  };
  await runLoad(task);
  const { result, window } = await measured(context, stack, () => runLoad({ ...task, durationS: scale.purchaseS }));
  return {
    users: forest.ids.length,
    cannon: result,
    window,
    shares: stack.dataDir ? shareStatuses(stack.dataDir) : undefined,
  };
}

/** Counts commission statuses over all purchases recorded so far, read-only beside the running service. */
function shareStatuses(dataDir: string): Record<string, number> {
  const db = new Database(join(dataDir, 'commissions.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare(
        `SELECT json_extract(value, '$.status') AS status, COUNT(*) AS count
         FROM purchases, json_each(purchases.commissions) GROUP BY status`,
      )
      .all() as { status: string; count: number }[];
    return Object.fromEntries(rows.map((row) => [row.status, row.count]));
  } finally {
    db.close();
  }
}
