import { Inject, Injectable } from '@nestjs/common';
import {
  EventSubject,
  PayoutStatus,
  type BalanceView,
  type CreatePayoutsRequest,
  type ListPayoutsRequest,
  type PayoutsPage,
  type PayoutView,
} from '@app/contracts';
import { COMMISSIONS_CONFIG, type CommissionsConfig } from '../config';
import { isUniqueViolation } from '../ledger/unique-violation';
import { LedgerRepository, type LedgerTx, type OutboxEvent } from '../ledger/ledger.repository';
import { OutboxPublisher } from '../outbox/outbox.publisher';
import { payoutNotFound, payoutNotProcessing, payoutRunKeyReused } from './payouts.errors';

/**
 * Paying people what has cleared. A credit is payable from its `release_at` on (its time plus the hold): a
 * function of the clock, so nothing has to run for it to happen. A payout run gives each user whose available
 * balance reaches the minimum one payout of exactly that amount, claiming its rows with one conditional
 * statement; completing or failing a payout moves it on once.
 */
@Injectable()
export class PayoutsService {
  private readonly minimumPaise: number;

  constructor(
    private readonly ledger: LedgerRepository,
    private readonly outbox: OutboxPublisher,
    @Inject(COMMISSIONS_CONFIG) config: CommissionsConfig,
  ) {
    this.minimumPaise = config.PAYOUT_MINIMUM_PAISE;
  }

  balance(userId: number): Promise<BalanceView> {
    return this.ledger.read((tx) => this.ledger.balance(tx, userId, new Date().toISOString()));
  }

  /** One payout per user (or only `request.userId`) whose available balance reaches the minimum; once per key. */
  async create(request: CreatePayoutsRequest): Promise<PayoutView[]> {
    let created: { payouts: PayoutView[]; events: OutboxEvent[] };
    try {
      created = await this.ledger.write((tx) => this.createInTransaction(tx, request));
    } catch (error) {
      // Two runs with one key at once (PostgreSQL): the loser waited for the winner and replays its answer.
      if (isUniqueViolation(error)) {
        const replay = await this.ledger.read((tx) => this.replay(tx, request));
        if (replay) {
          return replay;
        }
      }
      throw error;
    }
    this.outbox.publishCommitted(created.events);
    return created.payouts;
  }

  get(payoutId: number): Promise<PayoutView> {
    return this.ledger.read(async (tx) => (await this.ledger.findPayout(tx, payoutId)) ?? notFound(payoutId));
  }

  complete(payoutId: number): Promise<PayoutView> {
    return this.moveOn(payoutId, PayoutStatus.Paid, async (tx) => {
      const paid = await this.ledger.completePayout(tx, payoutId, new Date().toISOString());
      return paid && { payout: paid, event: await this.ledger.enqueuePayout(tx, EventSubject.PayoutPaid, paid) };
    });
  }

  /** Marks a payout failed and gives its amount (credits and clawbacks) back to the user's available balance. */
  fail(payoutId: number, reason: string): Promise<PayoutView> {
    return this.moveOn(payoutId, PayoutStatus.Failed, async (tx) => {
      const failed = await this.ledger.failPayout(tx, payoutId, reason);
      if (!failed) {
        return null;
      }
      await this.ledger.releaseClaim(tx, payoutId);
      return { payout: failed, event: await this.ledger.enqueuePayout(tx, EventSubject.PayoutFailed, failed) };
    });
  }

  async list(request: ListPayoutsRequest): Promise<PayoutsPage> {
    const payouts = await this.ledger.read((tx) =>
      this.ledger.listPayouts(tx, {
        userId: request.userId ?? 0,
        status: request.status ?? '',
        beforePayoutId: request.beforePayoutId ?? 0,
        limit: request.limit + 1,
      }),
    );
    const page = payouts.slice(0, request.limit);
    return { payouts: page, nextCursor: payouts.length > request.limit ? page[page.length - 1].payoutId : null };
  }

  /**
   * Inside one transaction: the run's key first (a concurrent run with the same key waits on it, then
   * replays), then for each payable user, in id order, a payout that claims every released row in no payout.
   * A claim that comes to less than the minimum (another run took the rows meanwhile) is undone.
   */
  private async createInTransaction(
    tx: LedgerTx,
    request: CreatePayoutsRequest,
  ): Promise<{ payouts: PayoutView[]; events: OutboxEvent[] }> {
    const replay = await this.replay(tx, request);
    if (replay) {
      return { payouts: replay, events: [] };
    }
    await this.ledger.insertPayoutRun(tx, request.runKey, request.userId ?? null);
    const now = new Date().toISOString();
    const payouts: PayoutView[] = [];
    const events: OutboxEvent[] = [];
    for (const { userId } of await this.ledger.payableUsers(tx, now, this.minimumPaise, request.userId ?? 0)) {
      const payoutId = await this.ledger.insertPayout(tx, userId, now);
      const claimedPaise = await this.ledger.claimForPayout(tx, payoutId, userId, now);
      if (claimedPaise < this.minimumPaise) {
        await this.ledger.releaseClaim(tx, payoutId);
        await this.ledger.deletePayout(tx, payoutId);
        continue;
      }
      const payout = await this.ledger.setPayoutAmount(tx, payoutId, claimedPaise);
      payouts.push(payout);
      events.push(await this.ledger.enqueuePayout(tx, EventSubject.PayoutCreated, payout));
    }
    await this.ledger.setPayoutRunResponse(tx, request.runKey, payouts);
    return { payouts, events };
  }

  /** The first answer of a run with this key, or 409 when the key came with another user. */
  private async replay(tx: LedgerTx, request: CreatePayoutsRequest): Promise<PayoutView[] | null> {
    const earlier = await this.ledger.findPayoutRun(tx, request.runKey);
    if (!earlier) {
      return null;
    }
    if (earlier.userId !== (request.userId ?? null)) {
      throw payoutRunKeyReused();
    }
    return earlier.payouts ?? [];
  }

  /**
   * Moves a processing payout to `target` once. Asked again of a payout already there, it answers the payout
   * unchanged; of one that went the other way, PAYOUT.NOT_PROCESSING.
   */
  private async moveOn(
    payoutId: number,
    target: PayoutStatus,
    move: (tx: LedgerTx) => Promise<{ payout: PayoutView; event: OutboxEvent } | null>,
  ): Promise<PayoutView> {
    const moved = await this.ledger.write(async (tx) => {
      const done = await move(tx);
      if (done) {
        return done;
      }
      const payout = (await this.ledger.findPayout(tx, payoutId)) ?? notFound(payoutId);
      if (payout.status !== target) {
        throw payoutNotProcessing(payoutId, payout.status);
      }
      return { payout, event: null };
    });
    if (moved.event) {
      this.outbox.publishCommitted([moved.event]);
    }
    return moved.payout;
  }
}

function notFound(payoutId: number): never {
  throw payoutNotFound(payoutId);
}
