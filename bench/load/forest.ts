import { forEachConcurrently, HttpClient } from './http';
import type { Forest, ForestTask } from './protocol';

/**
 * Creates `trees` binary trees of `treeSize` users through the API (position k's referrer is position k/2),
 * many requests at once. Binary trees spread credits over many referrers, so most shares land below the cap.
 */
export async function createForest(task: ForestTask): Promise<Forest> {
  const client = new HttpClient(task.concurrency);
  const total = task.trees * task.treeSize;
  const ids = new Array<number>(total).fill(0);
  const parentIds = new Array<number>(total).fill(0);
  const positions = Array.from({ length: total }, (_, index) => index);
  try {
    await forEachConcurrently(positions, task.concurrency, async (index) => {
      const name = encodeURIComponent(`${task.namePrefix} ${index + 1}`);
      const answer = await client.json<{ user_id: number }>('POST', `${task.baseUrl}/user?name=${name}`);
      if (answer.status !== 201) {
        throw new Error(`POST /user answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      }
      ids[index] = answer.body.user_id;
    });
    const parentPosition = (index: number): number | undefined => {
      const tree = Math.floor(index / task.treeSize);
      const k = (index % task.treeSize) + 1;
      return k === 1 ? undefined : tree * task.treeSize + Math.floor(k / 2) - 1;
    };
    await forEachConcurrently(positions, task.concurrency, async (index) => {
      const parent = parentPosition(index);
      if (parent === undefined) {
        return;
      }
      parentIds[index] = ids[parent];
      const answer = await client.send(
        'POST',
        `${task.baseUrl}/refer?referrer_id=${ids[parent]}&user_id=${ids[index]}`,
      );
      if (answer.status !== 200) {
        throw new Error(`POST /refer answered ${answer.status}: ${answer.body}`);
      }
    });
  } finally {
    client.close();
  }
  return { ids, parentIds };
}
