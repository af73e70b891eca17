import { paiseToRupees, type EarningCredited, type Level } from '@app/contracts';

/** Response headers of a stream; `X-Accel-Buffering` keeps nginx-style proxies from holding events back. */
export const SSE_HEADERS = {
  'Content-Type': 'text/event-stream',
  'Cache-Control': 'no-cache',
  Connection: 'keep-alive',
  'X-Accel-Buffering': 'no',
} as const;

/** Sent right after the headers: a proxy writes response headers out only with the first body bytes. */
export const OPENING_COMMENT = ': connected\n\n';

/** Keeps an idle stream open (SSE comment lines are ignored by EventSource). */
export const KEEP_ALIVE_COMMENT = ': keep-alive\n\n';

/** The `data:` of a credit event: the JSON keys of SPEC.md, amounts in rupees. */
export interface CreditEventData {
  amount: number;
  level: Level;
  source_user_id: number;
  purchase_id: number;
  total_earnings: number;
  timestamp: string;
  /** Only on a refund's reversal (whose amount is negative). */
  refund_id?: number;
}

/** One event on the wire, formatted once and shared by every connection that sends it. */
export interface SseEvent {
  /** The earning id, also the `id:` field a reconnecting client sends back as Last-Event-ID. */
  id: number;
  text: string;
}

/** A credit as an SSE event: `id:` and one `data:` line, no `event:` name so `onmessage` receives it. */
export function creditEvent(credit: EarningCredited): SseEvent {
  const data: CreditEventData = {
    amount: paiseToRupees(credit.amountPaise),
    level: credit.level,
    source_user_id: credit.sourceUserId,
    purchase_id: credit.purchaseId,
    total_earnings: paiseToRupees(credit.totalEarningsPaise),
    timestamp: credit.timestamp,
    // Only a refund's reversal names its refund, so a credit's data keys stay exactly those of SPEC.md.
    ...(credit.refundId ? { refund_id: credit.refundId } : {}),
  };
  // JSON.stringify never emits a newline, so the data fits on one `data:` line.
  return { id: credit.earningId, text: `id: ${credit.earningId}\ndata: ${JSON.stringify(data)}\n\n` };
}
