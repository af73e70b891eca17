import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { BenchStack } from '../bench-stack';
import { measured, type BenchContext, type WindowStats } from '../context';
import { authHeaders } from '../load/credentials';
import { summarize, type LatencySummary } from '../stats';
import { createForest } from './forest';

export interface WebhooksOutcome {
  purchases: number;
  credits: number;
  /** Credits delivered per second, from the first purchase sent to the last credit received. */
  creditsPerSecond: number;
  /** From a purchase's 201 (its commit) to each of its credits arriving at the endpoint. */
  latency: LatencySummary;
  /** How long sending the purchases took (s): the rate cannot beat the purchases'. */
  purchasesS: number;
  /** CPU of the measured window, purchases and deliveries together. */
  window: WindowStats;
}

const CONCURRENCY = 16;

/**
 * Part: every credit delivered to one webhook endpoint (a receiver in this process on loopback that answers
 * 200 at once). Purchases go in 16 at a time; each credit's latency runs from its purchase's 201 to its
 * arrival, and the rate from the first purchase sent to the last credit received.
 */
export async function measureWebhooks(context: BenchContext, stack: BenchStack): Promise<WebhooksOutcome> {
  const purchases = context.scale.webhookPurchases;
  context.log(`Webhooks: ${purchases} purchases, every credit to one endpoint`);
  const forest = await createForest(context, stack, { trees: 2, treeSize: 500 }, 'Hooked');
  const arrivals = new Map<string, number>();
  const receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const { data } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        data: { purchase_id: number; user_id: number };
      };
      arrivals.set(`${data.purchase_id}:${data.user_id}`, performance.now());
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const headers = { ...authHeaders(), 'content-type': 'application/json' };
  try {
    const { port } = receiver.address() as AddressInfo;
    const created = await fetch(`${stack.baseUrl}/webhooks`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ url: `http://127.0.0.1:${port}/bench`, events: ['commission.credited'] }),
    });
    if (created.status !== 201) {
      throw new Error(`POST /webhooks answered ${created.status}`);
    }
    const committed = new Map<string, number>();
    const { result, window } = await measured(context, stack, async () => {
      const started = performance.now();
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < purchases) {
          const buyer = forest.buyers[next++ % forest.buyers.length];
          const response = await fetch(`${stack.baseUrl}/purchase?buyer_id=${buyer}&amount=1000`, {
            method: 'POST',
            headers: authHeaders(),
          });
          const at = performance.now();
          const body = (await response.json()) as {
            purchase_id: number;
            commissions: { user_id: number; amount: number }[];
          };
          for (const commission of body.commissions.filter((c) => c.amount > 0)) {
            committed.set(`${body.purchase_id}:${commission.user_id}`, at);
          }
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      const purchasesS = (performance.now() - started) / 1000;
      const deadline = Date.now() + 60_000;
      while ([...committed.keys()].some((key) => !arrivals.has(key)) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const latencies = [...committed].flatMap(([key, at]) => {
        const arrived = arrivals.get(key);
        return arrived === undefined ? [] : [arrived - at];
      });
      if (latencies.length < committed.size) {
        throw new Error(`${committed.size - latencies.length} of ${committed.size} credits never arrived`);
      }
      const last = Math.max(...arrivals.values());
      return {
        purchases,
        credits: committed.size,
        creditsPerSecond: committed.size / ((last - started) / 1000),
        latency: summarize(latencies),
        purchasesS: Math.round(purchasesS * 100) / 100,
      };
    });
    return { ...result, window };
  } finally {
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  }
}
