import { Injectable } from '@nestjs/common';
import {
  earningMessageId,
  EventSubject,
  payoutMessageId,
  PayoutStatus,
  purchaseMessageId,
  type BalanceView,
  type CommissionDetail,
  type Earning,
  type LeaderboardEntry,
  type Level,
  type PayoutView,
  type PurchaseRecorded,
  type PurchaseView,
  type TransactionSummary,
} from '@app/contracts';
import { TransactionRunner } from '@app/platform';
import type { EntityManager } from 'typeorm';
import { execute, only, Sql, type Dialect, type Row, type SqlValue } from './sql';

/**
 * A unit of work on the ledger: every statement run with it belongs to one transaction (or, for reads, sees
 * one consistent state). Only `LedgerRepository.write` and `.read` make one.
 */
export interface LedgerTx {
  readonly manager: EntityManager;
  readonly dialect: Dialect;
}

/** A purchase row as stored: the view it answered, the facts behind each commission, and what was refunded. */
export interface StoredPurchase {
  purchaseKey: string;
  view: PurchaseView;
  commissions: CommissionDetail[];
  refundedPaise: number;
}

export interface NewPurchase {
  purchaseKey: string;
  buyerId: number;
  amountPaise: number;
  isValid: boolean;
  note: string;
  commissions: CommissionDetail[];
  createdAt: string;
}

/** A credit of a purchase (never a reversal), with what refunds took back from it so far. */
export interface CreditToReverse {
  earningId: number;
  userId: number;
  level: Level;
  amountPaise: number;
  reversedPaise: number;
  /** When the credit becomes payable; its reversals share it, so a reversal lands where its credit is. */
  releaseAt: string;
}

/** An earning row to write: a credit or a reversal, with the moment it becomes payable. */
export type NewEarning = Omit<Earning, 'earningId'> & { releaseAt: string };

/** The first answer of a payout run, kept for a replay of its Idempotency-Key. */
export interface StoredPayoutRun {
  userId: number | null;
  payouts: PayoutView[] | null;
}

/** A user with at least the minimum available, as found before the claim. */
export interface PayableUser {
  userId: number;
  availablePaise: number;
}

export interface StoredRefund {
  refundId: number;
  refundKey: string;
  purchaseId: number;
  amountPaise: number;
  timestamp: string;
}

/** An event waiting in the outbox: what to publish, under which de-duplication id. */
export interface OutboxEvent {
  outboxId: number;
  subject: EventSubject;
  messageId: string;
  payload: unknown;
}

/** What one balance upsert did: the level's earnings after it, and what the cap let through. */
export interface BalanceCredit {
  earnedPaise: number;
  creditedPaise: number;
}

/**
 * Every statement the commissions service runs on the ledger, written out, top to bottom: purchases, balances,
 * earnings, refunds, reads, and the outbox. Services hold the rules and call these; apart from the copy of the
 * tree (`MembersRepository`), nothing else in commissions writes SQL. TypeORM runs the statements (its data
 * source, pool and migrations), but builds none of them.
 *
 * Tables: `purchases` (one row per purchase, its answer kept for replays), `balances` (what a user earned per
 * level: the cap's bucket), `totals` (what a user earned in all: leaderboard and event totals), `earnings`
 * (one row per credit, or per reversal with a negative amount), `refunds`, and `outbox` (events committed
 * with the change they announce, deleted once JetStream has them).
 */
@Injectable()
export class LedgerRepository {
  constructor(private readonly db: TransactionRunner) {}

  /** Runs `work` in one transaction: every statement it runs commits together, or none does. */
  write<T>(work: (tx: LedgerTx) => Promise<T>): Promise<T> {
    const dialect = this.db.dialect;
    return this.db.write((manager) => work({ manager, dialect }));
  }

  /** Runs reads that never observe another unit's uncommitted writes. */
  read<T>(work: (tx: LedgerTx) => Promise<T>): Promise<T> {
    const dialect = this.db.dialect;
    return this.db.read((manager) => work({ manager, dialect }));
  }

  // ── Purchases ────────────────────────────────────────────────────────────────────────────────────────

  async findPurchaseByKey(tx: LedgerTx, purchaseKey: string): Promise<StoredPurchase | null> {
    const [row] = await run(tx, PURCHASE_BY_KEY, { purchaseKey });
    return row ? storedPurchase(row) : null;
  }

  async findPurchase(tx: LedgerTx, purchaseId: number): Promise<StoredPurchase | null> {
    const [row] = await run(tx, PURCHASE_BY_ID, { purchaseId });
    return row ? storedPurchase(row) : null;
  }

  async insertPurchase(tx: LedgerTx, purchase: NewPurchase): Promise<number> {
    const rows = await run(tx, INSERT_PURCHASE, {
      ...purchase,
      commissions: JSON.stringify(purchase.commissions),
    });
    return only(rows, INSERT_PURCHASE).int('id');
  }

  /** A buyer's purchases, newest first, ids below `beforePurchaseId` (0 for the newest). */
  async purchasesOfBuyer(
    tx: LedgerTx,
    buyerId: number,
    beforePurchaseId: number,
    limit: number,
  ): Promise<TransactionSummary[]> {
    const rows = await run(tx, PURCHASES_OF_BUYER, { buyerId, beforePurchaseId, limit });
    return rows.map((row) => ({
      purchaseId: row.int('id'),
      amountPaise: row.int('amount_paise'),
      refundedPaise: row.int('refunded_paise'),
      isValid: row.bool('is_valid'),
      note: row.text('note'),
      timestamp: row.text('created_at'),
    }));
  }

  // ── Balances and totals ──────────────────────────────────────────────────────────────────────────────

  /**
   * Credits a share to the user's balance at one level, never past the cap, in one statement: the upsert
   * takes the row lock (PostgreSQL; SQLite holds its write lock for the whole transaction), and the cap is
   * applied to the row as it is under that lock, so concurrent credits and instances can never cross it.
   * `RETURNING` shows only the new row, so the row keeps what this credit added (`last_credit_paise`).
   */
  async creditBalance(
    tx: LedgerTx,
    userId: number,
    level: Level,
    sharePaise: number,
    capPaise: number,
  ): Promise<BalanceCredit> {
    const rows = await run(tx, CREDIT_BALANCE, {
      userId,
      level,
      sharePaise,
      capPaise,
      firstCreditPaise: Math.min(sharePaise, capPaise),
    });
    const row = only(rows, CREDIT_BALANCE);
    return { earnedPaise: row.int('earned_paise'), creditedPaise: row.int('last_credit_paise') };
  }

  /** Takes a reversal out of a level's balance, giving its room under the cap back. */
  async debitBalance(tx: LedgerTx, userId: number, level: Level, amountPaise: number): Promise<void> {
    const rows = await run(tx, DEBIT_BALANCE, { userId, level, amountPaise });
    if (rows.length !== 1) {
      throw new Error(`Reversal of ${amountPaise} paise from user ${userId} at level ${level} exceeds what was earned`);
    }
  }

  /** Adds a credit (or, negative, a reversal) to the user's total; returns the total after it. */
  async addToTotal(tx: LedgerTx, userId: number, deltaPaise: number): Promise<number> {
    return only(await run(tx, ADD_TO_TOTAL, { userId, deltaPaise }), ADD_TO_TOTAL).int('total_paise');
  }

  /** What a user has earned at each level that ever paid them, and in total. */
  async earnedByLevel(tx: LedgerTx, userId: number): Promise<{ byLevelPaise: Map<Level, number>; totalPaise: number }> {
    const rows = await run(tx, EARNED_BY_LEVEL, { userId });
    const byLevelPaise = new Map(rows.map((row) => [row.int('level'), row.int('earned_paise')]));
    const [total] = await run(tx, TOTAL_OF_USER, { userId });
    return { byLevelPaise, totalPaise: total ? total.int('total_paise') : 0 };
  }

  /** Users by total earned, descending, ties by id; users who never earned (or whose total is 0) are left out. */
  async leaderboard(tx: LedgerTx, limit: number): Promise<LeaderboardEntry[]> {
    const rows = await run(tx, LEADERBOARD, { limit });
    return rows.map((row) => ({
      userId: row.int('user_id'),
      name: row.textOrNull('name') ?? '',
      totalPaise: row.int('total_paise'),
    }));
  }

  // ── Earnings ─────────────────────────────────────────────────────────────────────────────────────────

  /** Writes a credit or a reversal; returns its id. */
  async insertEarning(tx: LedgerTx, earning: NewEarning): Promise<number> {
    return only(await run(tx, INSERT_EARNING, { ...earning }), INSERT_EARNING).int('id');
  }

  /** A user's earnings with an id below `beforeEarningId` (0: from the newest), newest first. */
  async earningsOfUser(tx: LedgerTx, userId: number, beforeEarningId: number, limit: number): Promise<Earning[]> {
    return (await run(tx, EARNINGS_OF_USER_NEWEST_FIRST, { userId, beforeEarningId, limit })).map(earningOf);
  }

  /** A user's earnings with an id above `afterEarningId`, oldest first. */
  async earningsSince(tx: LedgerTx, userId: number, afterEarningId: number, limit: number): Promise<Earning[]> {
    return (await run(tx, EARNINGS_SINCE, { userId, afterEarningId, limit })).map(earningOf);
  }

  /** What `userId` earned, net of reversals, from each of `sourceUserIds`' purchases. */
  async earnedFromSources(tx: LedgerTx, userId: number, sourceUserIds: number[]): Promise<Map<number, number>> {
    const rows = await run(tx, EARNED_FROM_SOURCES, { userId, sourceUserIds });
    return new Map(rows.map((row) => [row.int('source_user_id'), row.int('paise')]));
  }

  // ── Refunds ──────────────────────────────────────────────────────────────────────────────────────────

  async findRefundByKey(tx: LedgerTx, refundKey: string): Promise<StoredRefund | null> {
    const [row] = await run(tx, REFUND_BY_KEY, { refundKey });
    return row ? storedRefund(row) : null;
  }

  async refundsOfPurchase(tx: LedgerTx, purchaseId: number): Promise<StoredRefund[]> {
    return (await run(tx, REFUNDS_OF_PURCHASE, { purchaseId })).map(storedRefund);
  }

  /**
   * Adds a refund to the purchase's refunded total unless that would exceed the purchase, in one conditional
   * statement that also locks the purchase row: refunds of one purchase never add up to more than it, and
   * run one after another. Returns the new refunded total, or null when the refund does not fit.
   */
  async claimRefund(tx: LedgerTx, purchaseId: number, amountPaise: number): Promise<number | null> {
    const [row] = await run(tx, CLAIM_REFUND, { purchaseId, amountPaise });
    return row ? row.int('refunded_paise') : null;
  }

  async insertRefund(tx: LedgerTx, refund: Omit<StoredRefund, 'refundId'>): Promise<number> {
    return only(await run(tx, INSERT_REFUND, { ...refund }), INSERT_REFUND).int('id');
  }

  /** The purchase's credits in id order (level order), each with what refunds took back from it so far. */
  async creditsOfPurchase(tx: LedgerTx, purchaseId: number): Promise<CreditToReverse[]> {
    return (await run(tx, CREDITS_OF_PURCHASE, { purchaseId })).map((row) => ({
      earningId: row.int('id'),
      userId: row.int('user_id'),
      level: row.int('level'),
      amountPaise: row.int('amount_paise'),
      reversedPaise: row.int('reversed_paise'),
      releaseAt: row.text('release_at'),
    }));
  }

  /** Records how much of a credit refunds have taken back in all. */
  async setReversed(tx: LedgerTx, earningId: number, reversedPaise: number): Promise<void> {
    await run(tx, SET_REVERSED, { earningId, reversedPaise });
  }

  /** The reversals one refund wrote, in id order. */
  async reversalsOfRefund(tx: LedgerTx, refundId: number): Promise<Earning[]> {
    return (await run(tx, REVERSALS_OF_REFUND, { refundId })).map(earningOf);
  }

  // ── Holds, balances and payouts ──────────────────────────────────────────────────────────────────────

  /**
   * Where a user's earnings are at `now`, from one read of their rows: on hold, available (released, in no
   * payout; reversals of paid-out credits count here as clawbacks), in a processing payout, paid.
   */
  async balance(tx: LedgerTx, userId: number, now: string): Promise<BalanceView> {
    const row = only(await run(tx, BALANCE, { userId, now, ...STATUSES }), BALANCE);
    return {
      userId,
      pendingPaise: row.int('pending_paise'),
      availablePaise: row.int('available_paise'),
      inPayoutPaise: row.int('in_payout_paise'),
      paidPaise: row.int('paid_paise'),
      nextReleaseAt: row.textOrNull('next_release_at'),
      totalPaise: row.int('total_paise'),
    };
  }

  /** Users (or only `userId`, when not 0) whose available balance at `now` reaches the minimum, by id. */
  async payableUsers(tx: LedgerTx, now: string, minimumPaise: number, userId: number): Promise<PayableUser[]> {
    const rows = await run(tx, PAYABLE_USERS, { now, minimumPaise, userId });
    return rows.map((row) => ({ userId: row.int('user_id'), availablePaise: row.int('available_paise') }));
  }

  /** Opens a payout for a user at 0; `claimForPayout` gives it its amount. */
  async insertPayout(tx: LedgerTx, userId: number, createdAt: string): Promise<number> {
    const rows = await run(tx, INSERT_PAYOUT, { userId, createdAt, status: PayoutStatus.Processing });
    return only(rows, INSERT_PAYOUT).int('id');
  }

  /**
   * Gives a payout every row of its user that is released at `now` and in no payout, in one conditional
   * statement: a row already claimed (by a concurrent run, another instance) no longer matches, so no credit
   * is ever in two payouts. Returns the sum of what it claimed: credits less clawbacks.
   */
  async claimForPayout(tx: LedgerTx, payoutId: number, userId: number, now: string): Promise<number> {
    const rows = await run(tx, CLAIM_FOR_PAYOUT, { payoutId, userId, now });
    return rows.reduce((sum, row) => sum + row.int('amount_paise'), 0);
  }

  async setPayoutAmount(tx: LedgerTx, payoutId: number, amountPaise: number): Promise<PayoutView> {
    return payoutOf(only(await run(tx, SET_PAYOUT_AMOUNT, { payoutId, amountPaise }), SET_PAYOUT_AMOUNT));
  }

  /** Gives a payout's rows back to the user's available balance (a failed transfer, a claim that fell short). */
  async releaseClaim(tx: LedgerTx, payoutId: number): Promise<void> {
    await run(tx, RELEASE_CLAIM, { payoutId });
  }

  async deletePayout(tx: LedgerTx, payoutId: number): Promise<void> {
    await run(tx, DELETE_PAYOUT, { payoutId });
  }

  async findPayout(tx: LedgerTx, payoutId: number): Promise<PayoutView | null> {
    const [row] = await run(tx, PAYOUT_BY_ID, { payoutId });
    return row ? payoutOf(row) : null;
  }

  /** Marks a processing payout paid; null when it is not processing (any more). */
  async completePayout(tx: LedgerTx, payoutId: number, paidAt: string): Promise<PayoutView | null> {
    const [row] = await run(tx, COMPLETE_PAYOUT, { payoutId, paidAt, ...STATUSES });
    return row ? payoutOf(row) : null;
  }

  /** Marks a processing payout failed; null when it is not processing (any more). */
  async failPayout(tx: LedgerTx, payoutId: number, reason: string): Promise<PayoutView | null> {
    const [row] = await run(tx, FAIL_PAYOUT, { payoutId, reason, ...STATUSES });
    return row ? payoutOf(row) : null;
  }

  /** Payouts newest first, optionally of one user (not 0), in one status (not ''), below a cursor (not 0). */
  async listPayouts(
    tx: LedgerTx,
    filter: { userId: number; status: PayoutStatus | ''; beforePayoutId: number; limit: number },
  ): Promise<PayoutView[]> {
    return (await run(tx, LIST_PAYOUTS, { ...filter })).map((row) => payoutOf(row));
  }

  /** Claims a run's Idempotency-Key before the run pays anyone: a second run with the key waits, then replays. */
  async insertPayoutRun(tx: LedgerTx, runKey: string, userId: number | null): Promise<void> {
    await run(tx, INSERT_PAYOUT_RUN, { runKey, userId });
  }

  async setPayoutRunResponse(tx: LedgerTx, runKey: string, payouts: PayoutView[]): Promise<void> {
    await run(tx, SET_PAYOUT_RUN_RESPONSE, { runKey, response: JSON.stringify(payouts) });
  }

  async findPayoutRun(tx: LedgerTx, runKey: string): Promise<StoredPayoutRun | null> {
    const [row] = await run(tx, PAYOUT_RUN_BY_KEY, { runKey });
    if (!row) {
      return null;
    }
    const response = row.textOrNull('response');
    return { userId: row.intOrNull('user_id'), payouts: response ? (JSON.parse(response) as PayoutView[]) : null };
  }

  /** Queues `payout.created`, `payout.paid` or `payout.failed` in the transaction that made the change. */
  async enqueuePayout(tx: LedgerTx, subject: PayoutSubject, payout: PayoutView): Promise<OutboxEvent> {
    const outboxId = await this.enqueue(tx, subject, payout.payoutId);
    return {
      outboxId,
      subject,
      messageId: payoutMessageId(payout.payoutId, PAYOUT_SUBJECT_STATUS[subject]),
      payload: payout,
    };
  }

  // ── Outbox ───────────────────────────────────────────────────────────────────────────────────────────

  /** Queues a reversal's event in the same transaction as the earning row it announces. */
  async enqueueEarning(tx: LedgerTx, earning: Earning): Promise<OutboxEvent> {
    const subject = EventSubject.EarningCredited;
    const outboxId = await this.enqueue(tx, subject, earning.earningId);
    return { outboxId, subject, messageId: earningMessageId(earning.earningId), payload: earning };
  }

  /** Queues `purchase.recorded`, which carries the purchase's credits, in the same transaction as the purchase. */
  async enqueuePurchase(tx: LedgerTx, view: PurchaseView, credits: Earning[]): Promise<OutboxEvent> {
    const subject = EventSubject.PurchaseRecorded;
    const outboxId = await this.enqueue(tx, subject, view.purchaseId);
    const payload: PurchaseRecorded = { ...view, credits };
    return { outboxId, subject, messageId: purchaseMessageId(view.purchaseId), payload };
  }

  private async enqueue(tx: LedgerTx, subject: EventSubject, refId: number): Promise<number> {
    return only(await run(tx, ENQUEUE_EVENT, { subject, refId }), ENQUEUE_EVENT).int('id');
  }

  /** The oldest events still waiting, each rebuilt from the row it names. */
  async waitingEvents(tx: LedgerTx, limit: number): Promise<OutboxEvent[]> {
    const rows = await run(tx, WAITING_EVENTS, {
      limit,
      earningSubject: EventSubject.EarningCredited,
      purchaseSubject: EventSubject.PurchaseRecorded,
      payoutCreated: EventSubject.PayoutCreated,
      payoutPaid: EventSubject.PayoutPaid,
      payoutFailed: EventSubject.PayoutFailed,
    });
    const events = rows.map(waitingEvent);
    await this.addCredits(tx, events);
    return events;
  }

  /** Gives each rebuilt `purchase.recorded` the credits its purchase wrote, read in one statement for all. */
  private async addCredits(tx: LedgerTx, events: OutboxEvent[]): Promise<void> {
    const purchases = new Map<number, PurchaseRecorded>();
    for (const event of events) {
      if (event.subject === EventSubject.PurchaseRecorded) {
        const payload = event.payload as PurchaseRecorded;
        purchases.set(payload.purchaseId, payload);
      }
    }
    if (purchases.size === 0) {
      return;
    }
    const rows = await run(tx, CREDITS_OF_PURCHASES, { purchaseIds: [...purchases.keys()] });
    for (const credit of rows.map(earningOf)) {
      purchases.get(credit.purchaseId)?.credits.push(credit);
    }
  }

  /** Forgets events that JetStream has acknowledged. */
  async deleteEvents(tx: LedgerTx, outboxIds: number[]): Promise<void> {
    if (outboxIds.length > 0) {
      await run(tx, DELETE_EVENTS, { outboxIds });
    }
  }
}

// ── Statements ─────────────────────────────────────────────────────────────────────────────────────────

const PURCHASE_COLUMNS =
  'id, purchase_key, buyer_id, amount_paise, is_valid, note, commissions, refunded_paise, created_at';
const EARNING_COLUMNS =
  'id, user_id, level, amount_paise, source_user_id, purchase_id, refund_id, total_after_paise, created_at';
const REFUND_COLUMNS = 'id, refund_key, purchase_id, amount_paise, created_at';

const PURCHASE_BY_KEY = new Sql(
  'purchase by key',
  `SELECT ${PURCHASE_COLUMNS} FROM purchases WHERE purchase_key = :purchaseKey`,
);
const PURCHASE_BY_ID = new Sql('purchase by id', `SELECT ${PURCHASE_COLUMNS} FROM purchases WHERE id = :purchaseId`);
const INSERT_PURCHASE = new Sql(
  'insert purchase',
  `INSERT INTO purchases (purchase_key, buyer_id, amount_paise, is_valid, note, commissions, refunded_paise, created_at)
   VALUES (:purchaseKey, :buyerId, :amountPaise, :isValid, :note, :commissions, 0, :createdAt)
   RETURNING id`,
);
const PURCHASES_OF_BUYER = new Sql(
  'purchases of a buyer',
  `SELECT id, amount_paise, refunded_paise, is_valid, note, created_at FROM purchases
   WHERE buyer_id = :buyerId AND (:beforePurchaseId = 0 OR id < :beforePurchaseId)
   ORDER BY id DESC LIMIT :limit`,
);

// SQLite's two-argument MIN/MAX are PostgreSQL's LEAST/GREATEST; otherwise the statement is the same.
const creditBalance = (least: string, greatest: string) =>
  `INSERT INTO balances (user_id, level, earned_paise, last_credit_paise)
   VALUES (:userId, :level, :firstCreditPaise, :firstCreditPaise)
   ON CONFLICT (user_id, level) DO UPDATE SET
     earned_paise = balances.earned_paise + ${least}(:sharePaise, ${greatest}(0, :capPaise - balances.earned_paise)),
     last_credit_paise = ${least}(:sharePaise, ${greatest}(0, :capPaise - balances.earned_paise))
   RETURNING earned_paise, last_credit_paise`;
const CREDIT_BALANCE = new Sql('credit balance', {
  sqlite: creditBalance('MIN', 'MAX'),
  postgres: creditBalance('LEAST', 'GREATEST'),
});
const DEBIT_BALANCE = new Sql(
  'debit balance',
  `UPDATE balances SET earned_paise = earned_paise - :amountPaise
   WHERE user_id = :userId AND level = :level AND earned_paise >= :amountPaise
   RETURNING earned_paise`,
);
const ADD_TO_TOTAL = new Sql(
  'add to total',
  `INSERT INTO totals (user_id, total_paise) VALUES (:userId, :deltaPaise)
   ON CONFLICT (user_id) DO UPDATE SET total_paise = totals.total_paise + :deltaPaise
   RETURNING total_paise`,
);
const EARNED_BY_LEVEL = new Sql('earned by level', 'SELECT level, earned_paise FROM balances WHERE user_id = :userId');
const TOTAL_OF_USER = new Sql('total of a user', 'SELECT total_paise FROM totals WHERE user_id = :userId');
// Reads idx_totals_leaderboard in order: total descending, ties by user id ascending.
const LEADERBOARD = new Sql(
  'leaderboard',
  `SELECT t.user_id, t.total_paise, m.name FROM totals t LEFT JOIN members m ON m.user_id = t.user_id
   WHERE t.total_paise > 0
   ORDER BY t.total_paise DESC, t.user_id ASC LIMIT :limit`,
);

const INSERT_EARNING = new Sql(
  'insert earning',
  `INSERT INTO earnings (user_id, level, amount_paise, source_user_id, purchase_id, refund_id, total_after_paise,
                         created_at, release_at)
   VALUES (:userId, :level, :amountPaise, :sourceUserId, :purchaseId, :refundId, :totalEarningsPaise,
           :timestamp, :releaseAt)
   RETURNING id`,
);
const EARNINGS_OF_USER_NEWEST_FIRST = new Sql(
  'earnings of a user',
  `SELECT ${EARNING_COLUMNS} FROM earnings
   WHERE user_id = :userId AND (:beforeEarningId = 0 OR id < :beforeEarningId)
   ORDER BY id DESC LIMIT :limit`,
);
const EARNINGS_SINCE = new Sql(
  'earnings since',
  `SELECT ${EARNING_COLUMNS} FROM earnings WHERE user_id = :userId AND id > :afterEarningId ORDER BY id LIMIT :limit`,
);
const EARNED_FROM_SOURCES = new Sql('earned from sources', {
  sqlite: `SELECT source_user_id, SUM(amount_paise) AS paise FROM earnings
           WHERE user_id = :userId AND source_user_id IN (SELECT value FROM json_each(:sourceUserIds))
           GROUP BY source_user_id`,
  postgres: `SELECT source_user_id, SUM(amount_paise) AS paise FROM earnings
             WHERE user_id = :userId AND source_user_id = ANY(CAST(:sourceUserIds AS integer[]))
             GROUP BY source_user_id`,
});

const REFUND_BY_KEY = new Sql('refund by key', `SELECT ${REFUND_COLUMNS} FROM refunds WHERE refund_key = :refundKey`);
const REFUNDS_OF_PURCHASE = new Sql(
  'refunds of a purchase',
  `SELECT ${REFUND_COLUMNS} FROM refunds WHERE purchase_id = :purchaseId ORDER BY id`,
);
const CLAIM_REFUND = new Sql(
  'claim refund',
  `UPDATE purchases SET refunded_paise = refunded_paise + :amountPaise
   WHERE id = :purchaseId AND refunded_paise + :amountPaise <= amount_paise
   RETURNING refunded_paise`,
);
const INSERT_REFUND = new Sql(
  'insert refund',
  `INSERT INTO refunds (refund_key, purchase_id, amount_paise, created_at)
   VALUES (:refundKey, :purchaseId, :amountPaise, :timestamp)
   RETURNING id`,
);
const CREDITS_OF_PURCHASE = new Sql(
  'credits of a purchase',
  `SELECT id, user_id, level, amount_paise, reversed_paise, release_at FROM earnings
   WHERE purchase_id = :purchaseId AND refund_id IS NULL ORDER BY id`,
);
const SET_REVERSED = new Sql(
  'set reversed',
  'UPDATE earnings SET reversed_paise = :reversedPaise WHERE id = :earningId',
);
const REVERSALS_OF_REFUND = new Sql(
  'reversals of a refund',
  `SELECT ${EARNING_COLUMNS} FROM earnings WHERE refund_id = :refundId ORDER BY id`,
);

const PAYOUT_COLUMNS = 'id, user_id, amount_paise, status, created_at, paid_at, failure_reason';
const STATUSES = { processing: PayoutStatus.Processing, paid: PayoutStatus.Paid, failed: PayoutStatus.Failed };

// One read of the user's rows (idx_earnings_user_rows): every bucket from the same snapshot, so they add up.
const BALANCE = new Sql(
  'balance',
  `SELECT
     COALESCE(SUM(CASE WHEN e.payout_id IS NULL AND e.release_at > :now THEN e.amount_paise ELSE 0 END), 0)
       AS pending_paise,
     COALESCE(SUM(CASE WHEN e.payout_id IS NULL AND e.release_at <= :now THEN e.amount_paise ELSE 0 END), 0)
       AS available_paise,
     COALESCE(SUM(CASE WHEN p.status = :processing THEN e.amount_paise ELSE 0 END), 0) AS in_payout_paise,
     COALESCE(SUM(CASE WHEN p.status = :paid THEN e.amount_paise ELSE 0 END), 0) AS paid_paise,
     MIN(CASE WHEN e.payout_id IS NULL AND e.release_at > :now AND e.amount_paise > 0 THEN e.release_at END)
       AS next_release_at,
     COALESCE(SUM(e.amount_paise), 0) AS total_paise
   FROM earnings e LEFT JOIN payouts p ON p.id = e.payout_id
   WHERE e.user_id = :userId`,
);
// Reads idx_earnings_unclaimed: only rows in no payout.
const PAYABLE_USERS = new Sql(
  'payable users',
  `SELECT user_id, SUM(amount_paise) AS available_paise FROM earnings
   WHERE payout_id IS NULL AND release_at <= :now AND (:userId = 0 OR user_id = :userId)
   GROUP BY user_id HAVING SUM(amount_paise) >= :minimumPaise
   ORDER BY user_id`,
);
const INSERT_PAYOUT = new Sql(
  'insert payout',
  `INSERT INTO payouts (user_id, amount_paise, status, created_at) VALUES (:userId, 0, :status, :createdAt)
   RETURNING id`,
);
const CLAIM_FOR_PAYOUT = new Sql(
  'claim for payout',
  `UPDATE earnings SET payout_id = :payoutId
   WHERE user_id = :userId AND payout_id IS NULL AND release_at <= :now
   RETURNING amount_paise`,
);
const SET_PAYOUT_AMOUNT = new Sql(
  'set payout amount',
  `UPDATE payouts SET amount_paise = :amountPaise WHERE id = :payoutId RETURNING ${PAYOUT_COLUMNS}`,
);
const RELEASE_CLAIM = new Sql('release claim', 'UPDATE earnings SET payout_id = NULL WHERE payout_id = :payoutId');
const DELETE_PAYOUT = new Sql('delete payout', 'DELETE FROM payouts WHERE id = :payoutId');
const PAYOUT_BY_ID = new Sql('payout by id', `SELECT ${PAYOUT_COLUMNS} FROM payouts WHERE id = :payoutId`);
const COMPLETE_PAYOUT = new Sql(
  'complete payout',
  `UPDATE payouts SET status = :paid, paid_at = :paidAt WHERE id = :payoutId AND status = :processing
   RETURNING ${PAYOUT_COLUMNS}`,
);
const FAIL_PAYOUT = new Sql(
  'fail payout',
  `UPDATE payouts SET status = :failed, failure_reason = :reason WHERE id = :payoutId AND status = :processing
   RETURNING ${PAYOUT_COLUMNS}`,
);
const LIST_PAYOUTS = new Sql(
  'list payouts',
  `SELECT ${PAYOUT_COLUMNS} FROM payouts
   WHERE (:userId = 0 OR user_id = :userId) AND (:status = '' OR status = :status)
     AND (:beforePayoutId = 0 OR id < :beforePayoutId)
   ORDER BY id DESC LIMIT :limit`,
);
const INSERT_PAYOUT_RUN = new Sql(
  'insert payout run',
  'INSERT INTO payout_runs (run_key, user_id) VALUES (:runKey, :userId)',
);
const SET_PAYOUT_RUN_RESPONSE = new Sql(
  'set payout run response',
  'UPDATE payout_runs SET response = :response WHERE run_key = :runKey',
);
const PAYOUT_RUN_BY_KEY = new Sql(
  'payout run by key',
  'SELECT user_id, response FROM payout_runs WHERE run_key = :runKey',
);

const ENQUEUE_EVENT = new Sql(
  'enqueue event',
  'INSERT INTO outbox (subject, ref_id) VALUES (:subject, :refId) RETURNING id',
);
// Each event is rebuilt from the row it names, so the outbox holds no copy that could disagree with it.
const WAITING_EVENTS = new Sql(
  'waiting events',
  `SELECT o.id AS outbox_id, o.subject, o.ref_id,
          e.id, e.user_id, e.level, e.amount_paise, e.source_user_id, e.purchase_id, e.refund_id,
          e.total_after_paise, e.created_at,
          ${PURCHASE_COLUMNS.split(', ')
            .map((column) => `p.${column} AS p_${column}`)
            .join(', ')},
          ${PAYOUT_COLUMNS.split(', ')
            .map((column) => `po.${column} AS po_${column}`)
            .join(', ')}
   FROM outbox o
   LEFT JOIN earnings e ON o.subject = :earningSubject AND e.id = o.ref_id
   LEFT JOIN purchases p ON o.subject = :purchaseSubject AND p.id = o.ref_id
   LEFT JOIN payouts po ON o.subject IN (:payoutCreated, :payoutPaid, :payoutFailed) AND po.id = o.ref_id
   ORDER BY o.id LIMIT :limit`,
);
const CREDITS_OF_PURCHASES = new Sql('credits of purchases', {
  sqlite: `SELECT ${EARNING_COLUMNS} FROM earnings
           WHERE purchase_id IN (SELECT value FROM json_each(:purchaseIds)) AND refund_id IS NULL ORDER BY id`,
  postgres: `SELECT ${EARNING_COLUMNS} FROM earnings
             WHERE purchase_id = ANY(CAST(:purchaseIds AS integer[])) AND refund_id IS NULL ORDER BY id`,
});
const DELETE_EVENTS = new Sql('delete events', {
  sqlite: 'DELETE FROM outbox WHERE id IN (SELECT value FROM json_each(:outboxIds))',
  postgres: 'DELETE FROM outbox WHERE id = ANY(CAST(:outboxIds AS integer[]))',
});

// ── Row readers ────────────────────────────────────────────────────────────────────────────────────────

function run(tx: LedgerTx, statement: Sql, parameters: Record<string, SqlValue> = {}): Promise<Row[]> {
  return execute(tx.manager, tx.dialect, statement, parameters);
}

/** A purchase from its columns, named as in the table or, in a join, with a prefix (`p_id`, `p_note`, …). */
function storedPurchase(row: Row, prefix = ''): StoredPurchase {
  const commissions = JSON.parse(row.text(`${prefix}commissions`)) as CommissionDetail[];
  return {
    purchaseKey: row.text(`${prefix}purchase_key`),
    view: {
      purchaseId: row.int(`${prefix}id`),
      buyerId: row.int(`${prefix}buyer_id`),
      amountPaise: row.int(`${prefix}amount_paise`),
      isValid: row.bool(`${prefix}is_valid`),
      note: row.text(`${prefix}note`),
      timestamp: row.text(`${prefix}created_at`),
      commissions: commissions.map(({ userId, level, amountPaise, status }) => ({
        userId,
        level,
        amountPaise,
        status,
      })),
    },
    commissions,
    refundedPaise: row.int(`${prefix}refunded_paise`),
  };
}

function earningOf(row: Row): Earning {
  return {
    earningId: row.int('id'),
    userId: row.int('user_id'),
    level: row.int('level'),
    amountPaise: row.int('amount_paise'),
    sourceUserId: row.int('source_user_id'),
    purchaseId: row.int('purchase_id'),
    refundId: row.intOrNull('refund_id'),
    totalEarningsPaise: row.int('total_after_paise'),
    timestamp: row.text('created_at'),
  };
}

function storedRefund(row: Row): StoredRefund {
  return {
    refundId: row.int('id'),
    refundKey: row.text('refund_key'),
    purchaseId: row.int('purchase_id'),
    amountPaise: row.int('amount_paise'),
    timestamp: row.text('created_at'),
  };
}

/** The subjects of a payout's events, and the status each announces. */
export type PayoutSubject = EventSubject.PayoutCreated | EventSubject.PayoutPaid | EventSubject.PayoutFailed;
const PAYOUT_SUBJECT_STATUS: Record<PayoutSubject, PayoutStatus> = {
  [EventSubject.PayoutCreated]: PayoutStatus.Processing,
  [EventSubject.PayoutPaid]: PayoutStatus.Paid,
  [EventSubject.PayoutFailed]: PayoutStatus.Failed,
};

/**
 * A payout's event rebuilt from its row, as it was when the event was written: a payout only ever moves from
 * processing to paid or to failed, so the row's later fields tell what the earlier event carried.
 */
function payoutEventOf(row: Row, subject: PayoutSubject, refId: number): Omit<OutboxEvent, 'outboxId' | 'subject'> {
  const now = payoutOf(row, 'po_');
  const status = PAYOUT_SUBJECT_STATUS[subject];
  const payload: PayoutView =
    status === PayoutStatus.Processing ? { ...now, status, paidAt: null, failureReason: null } : { ...now, status };
  return { messageId: payoutMessageId(refId, status), payload };
}

function payoutOf(row: Row, prefix = ''): PayoutView {
  return {
    payoutId: row.int(`${prefix}id`),
    userId: row.int(`${prefix}user_id`),
    amountPaise: row.int(`${prefix}amount_paise`),
    status: row.text(`${prefix}status`) as PayoutStatus,
    createdAt: row.text(`${prefix}created_at`),
    paidAt: row.textOrNull(`${prefix}paid_at`),
    failureReason: row.textOrNull(`${prefix}failure_reason`),
  };
}

/** How each subject the ledger publishes rebuilds its event from the outbox row joined with the row it names. */
const EVENT_READERS: Partial<
  Record<EventSubject, (row: Row, refId: number) => Omit<OutboxEvent, 'outboxId' | 'subject'>>
> = {
  [EventSubject.EarningCredited]: (row, refId) => ({ messageId: earningMessageId(refId), payload: earningOf(row) }),
  // The credits are added after, from a read of their own (`addCredits`).
  [EventSubject.PurchaseRecorded]: (row, refId) => ({
    messageId: purchaseMessageId(refId),
    payload: { ...storedPurchase(row, 'p_').view, credits: [] } satisfies PurchaseRecorded,
  }),
  [EventSubject.PayoutCreated]: (row, refId) => payoutEventOf(row, EventSubject.PayoutCreated, refId),
  [EventSubject.PayoutPaid]: (row, refId) => payoutEventOf(row, EventSubject.PayoutPaid, refId),
  [EventSubject.PayoutFailed]: (row, refId) => payoutEventOf(row, EventSubject.PayoutFailed, refId),
};

function waitingEvent(row: Row): OutboxEvent {
  const outboxId = row.int('outbox_id');
  const subject = row.text('subject') as EventSubject;
  const reader = EVENT_READERS[subject];
  if (!reader) {
    throw new Error(`outbox row ${outboxId} has a subject the ledger does not publish: ${subject}`);
  }
  return { outboxId, subject, ...reader(row, row.int('ref_id')) };
}
