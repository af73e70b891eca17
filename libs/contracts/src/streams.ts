import { EventSubject } from './subjects';

/**
 * JetStream streams: events that must survive a restart of the broker or of their readers.
 * Wire names: never rename without a migration.
 */
export const EARNINGS_STREAM = {
  name: 'EARNINGS',
  /** Everything the commissions outbox publishes: credits and reversals, purchases, payouts. */
  subjects: [
    EventSubject.EarningCredited,
    EventSubject.PurchaseRecorded,
    EventSubject.PayoutCreated,
    EventSubject.PayoutPaid,
    EventSubject.PayoutFailed,
  ],
  /** JetStream drops a second publish with the same `Nats-Msg-Id` within this window (ms). */
  duplicateWindowMs: 10 * 60_000,
  /** How long events stay in the stream (ms); SSE replays older history from the commissions database. */
  maxAgeMs: 24 * 60 * 60_000,
} as const;

/**
 * The de-duplication id of an earning event: one per earning row, so republishing is harmless. A credit that
 * rides on its purchase's message keeps this id as its own, for the readers that take it apart.
 */
export const earningMessageId = (earningId: number): string => `earning-${earningId}`;

/** The de-duplication id of a purchase's `purchase.recorded` event. */
export const purchaseMessageId = (purchaseId: number): string => `purchase-${purchaseId}`;

/** The de-duplication id of a payout's event for one status (created, paid or failed happen once each). */
export const payoutMessageId = (payoutId: number, status: string): string => `payout-${payoutId}-${status}`;

/** Committed user changes from the referrals outbox, for the notifier's webhooks and commissions' copy of the tree. */
export const USERS_STREAM = {
  name: 'USERS',
  subjects: [
    EventSubject.UserCreated,
    EventSubject.UserReferred,
    EventSubject.UserStatusChanged,
    EventSubject.MemberChanged,
  ],
  duplicateWindowMs: 10 * 60_000,
  /** A week: webhooks read this stream through a durable consumer that may be down for a while. */
  maxAgeMs: 7 * 24 * 60 * 60_000,
} as const;

/** The de-duplication id of a referrals outbox row: stable, so republishing one after a crash is harmless. */
export const userEventMessageId = (outboxId: number): string => `user-event-${outboxId}`;
