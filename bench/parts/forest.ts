import type { BenchStack } from '../bench-stack';
import type { BenchContext } from '../context';
import { runLoad } from '../load-process';
import type { Forest } from '../load/protocol';

/** A referral forest created through the API, and who buys and who earns in it. */
export interface ForestView extends Forest {
  /** Users with a referrer: their purchases pay someone. */
  buyers: number[];
  /** Users with at least one referral. */
  referrers: number[];
  parentOf: Map<number, number>;
}

export async function createForest(
  context: BenchContext,
  stack: BenchStack,
  shape: { trees: number; treeSize: number },
  namePrefix: string,
): Promise<ForestView> {
  const users = shape.trees * shape.treeSize;
  context.log(`  creating ${users.toLocaleString('en')} users in ${shape.trees} binary trees through the API…`);
  const forest = await runLoad({ kind: 'forest', baseUrl: stack.baseUrl, ...shape, concurrency: 64, namePrefix });
  const parentOf = new Map(forest.ids.map((id, index) => [id, forest.parentIds[index]]));
  return {
    ...forest,
    buyers: forest.ids.filter((_, index) => forest.parentIds[index] !== 0),
    referrers: [...new Set(forest.parentIds.filter((id) => id !== 0))],
    parentOf,
  };
}
