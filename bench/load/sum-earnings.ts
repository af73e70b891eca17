import { forEachConcurrently, HttpClient } from './http';
import type { SumEarningsResult, SumEarningsTask } from './protocol';
import { toPaise } from './purchases';

interface EarningsAnswer {
  total_earnings: number;
  details: { amount: number }[];
}

/** Adds up what `/earnings/{id}` reports for each user: the totals and the individual credits. */
export async function sumEarnings(task: SumEarningsTask): Promise<SumEarningsResult> {
  const client = new HttpClient(task.concurrency);
  let totalPaise = 0;
  let detailsPaise = 0;
  let failures = 0;
  await forEachConcurrently(task.userIds, task.concurrency, async (userId) => {
    const answer = await client.json<EarningsAnswer>('GET', `${task.baseUrl}/earnings/${userId}`);
    if (answer.status !== 200) {
      failures++;
      return;
    }
    totalPaise += toPaise(answer.body.total_earnings);
    detailsPaise += answer.body.details.reduce((sum, detail) => sum + toPaise(detail.amount), 0);
  });
  client.close();
  return { totalPaise, detailsPaise, failures };
}
