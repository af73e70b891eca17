import { IsEnum, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { IsId } from './validation';

/** Where a payout is. Wire names: never rename without a migration. */
export enum PayoutStatus {
  /** Created and handed to the bank run; its credits belong to it. */
  Processing = 'processing',
  /** The money reached the payee. */
  Paid = 'paid',
  /** The transfer failed: its amount is available again. */
  Failed = 'failed',
}

/** One payout as answered and announced (`payout.created`, `payout.paid`, `payout.failed`). */
export interface PayoutView {
  payoutId: number;
  userId: number;
  amountPaise: number;
  status: PayoutStatus;
  /** ISO 8601, UTC. */
  createdAt: string;
  paidAt: string | null;
  failureReason: string | null;
}

/**
 * Where a user's earnings are: `pendingPaise` on hold, `availablePaise` released and in no payout (less the
 * clawbacks of credits already paid out, so possibly negative), `inPayoutPaise` in processing payouts,
 * `paidPaise` in completed ones. The four add up to the user's total earnings.
 */
export interface BalanceView {
  userId: number;
  pendingPaise: number;
  availablePaise: number;
  inPayoutPaise: number;
  paidPaise: number;
  /** When the next credit on hold becomes payable; null when none is on hold. */
  nextReleaseAt: string | null;
  /** The four buckets' sum, read in the same snapshot: the user's total earnings. */
  totalPaise: number;
}

/** Pays out every user whose available balance reaches the minimum, or only `userId`. */
export class CreatePayoutsRequest {
  /** Identifies the run for exactly-once processing: the client's Idempotency-Key or one the gateway made. */
  @IsString()
  @Length(1, 200)
  runKey!: string;

  @IsOptional()
  @IsId()
  userId?: number;
}

export interface PayoutsCreated {
  payouts: PayoutView[];
}

export class PayoutIdRequest {
  @IsId()
  payoutId!: number;
}

export class FailPayoutRequest {
  @IsId()
  payoutId!: number;

  @IsString()
  @Length(1, 500)
  reason!: string;
}

export class ListPayoutsRequest {
  @IsOptional()
  @IsId()
  userId?: number;

  @IsOptional()
  @IsEnum(PayoutStatus)
  status?: PayoutStatus;

  /** Only payouts with a smaller id (the cursor of the previous page); omitted for the newest. */
  @IsOptional()
  @IsId()
  beforePayoutId?: number;

  @IsInt()
  @Min(1)
  @Max(1000)
  limit!: number;
}

export interface PayoutsPage {
  /** Newest first. */
  payouts: PayoutView[];
  /** Pass as `beforePayoutId` for the next page; null on the last page. */
  nextCursor: number | null;
}
