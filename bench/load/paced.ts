import { performance } from 'node:perf_hooks';
import { percentile, summarize } from '../stats';
import { HttpClient } from './http';
import { pace, settle } from './pacer';
import type { PacedResult, PacedTask } from './protocol';
import { purchasePath, toPaise, type PurchaseAnswer } from './purchases';

/** Purchases at a fixed rate for a long time, with a per-window series and the successes per buyer. */
export async function runPaced(task: PacedTask): Promise<PacedResult> {
  const client = new HttpClient(256);
  const okPerBuyer = new Array<number>(task.buyers.length).fill(0);
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  const windows = new Map<number, { ok: number; failed: number; latencies: number[] }>();
  let sent = 0;
  let ok = 0;
  let failed = 0;
  let inFlight = 0;
  let paidPaise = 0;
  let firstError: string | undefined;
  const windowOf = (at: number, startedAt: number) => {
    const key = Math.floor((at - startedAt) / 1000 / task.windowS);
    let window = windows.get(key);
    if (!window) {
      window = { ok: 0, failed: 0, latencies: [] };
      windows.set(key, window);
    }
    return window;
  };
  const elapsedS = await pace(task.rate, task.durationS, (_, startedAt) => {
    const buyerIndex = Math.floor(Math.random() * task.buyers.length);
    const sentAt = performance.now();
    const window = windowOf(sentAt, startedAt);
    sent++;
    inFlight++;
    const fail = (reason: string): void => {
      failed++;
      window.failed++;
      firstError ??= reason;
    };
    client
      .send('POST', `${task.baseUrl}${purchasePath(task.buyers[buyerIndex], task.amount)}`)
      .then((answer) => {
        statusCodes[answer.status] = (statusCodes[answer.status] ?? 0) + 1;
        if (answer.status !== 201) {
          fail(`${answer.status} ${answer.body.slice(0, 200)}`);
          return;
        }
        const latency = performance.now() - sentAt;
        ok++;
        okPerBuyer[buyerIndex]++;
        latencies.push(latency);
        window.ok++;
        window.latencies.push(latency);
        const body = JSON.parse(answer.body) as PurchaseAnswer;
        paidPaise += body.commissions.reduce((sum, commission) => sum + toPaise(commission.amount), 0);
      })
      .catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)))
      .finally(() => inFlight--);
  });
  await settle(() => inFlight, 30_000);
  if (inFlight > 0) {
    // Unanswered after 30 s: counted as failures (the server may still process them: the books will show it).
    failed += inFlight;
    firstError ??= `${inFlight} purchases unanswered 30 s after the last was sent`;
  }
  client.close();
  return {
    sent,
    ok,
    failed,
    statusCodes,
    firstError,
    achievedRate: Math.round(sent / elapsedS),
    latency: summarize(latencies),
    okPerBuyer,
    paidPaiseInResponses: paidPaise,
    windows: [...windows.entries()]
      .sort(([a], [b]) => a - b)
      .map(([key, window]) => ({
        atS: key * task.windowS,
        ok: window.ok,
        failed: window.failed,
        p99: Math.round(percentile(Float64Array.from(window.latencies).sort(), 99) * 10) / 10,
      })),
  };
}
