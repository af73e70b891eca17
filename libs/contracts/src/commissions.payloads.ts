import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { MAX_PURCHASE_RUPEES, PAISE_PER_RUPEE } from './money';
import { MemberChange, type TreeMember } from './referrals.payloads';
import { IsId } from './validation';

/** The most member changes one request may carry (the gateway sends one per user change). */
export const MAX_MEMBER_CHANGES_PER_REQUEST = 256;

/**
 * A commission level: 1 is the buyer's referrer, 2 that referrer's referrer, and so on up to `MAX_LEVELS`.
 * How many levels pay is configuration (`COMMISSION_RATES_BP`); SPEC.md's default is two.
 */
export type Level = number;
/** The deepest level any configuration may pay (SPEC.md: 1 to 5 levels). */
export const MAX_LEVELS = 5;

/** Why a share was paid as it was. Wire names: never rename without a migration. */
export enum CommissionStatus {
  /** Paid in full. */
  Credited = 'credited',
  /** Cut by the per-level cap; the amount is what was paid, possibly 0. */
  Capped = 'capped',
  /** The recipient is inactive: nothing paid (wins over capped). */
  Inactive = 'inactive',
}

export class RecordPurchaseRequest {
  /** Identifies the purchase for exactly-once processing: the client's Idempotency-Key or one the gateway made. */
  @IsString()
  @Length(1, 200)
  purchaseKey!: string;

  @IsId()
  buyerId!: number;

  @IsInt()
  @Min(1)
  @Max(MAX_PURCHASE_RUPEES * PAISE_PER_RUPEE)
  amountPaise!: number;
}

export interface CommissionView {
  userId: number;
  level: Level;
  amountPaise: number;
  status: CommissionStatus;
}

/** A commission with the facts that decided it, kept with the purchase so that it can explain itself. */
export interface CommissionDetail extends CommissionView {
  rateBasisPoints: number;
  /** The share before the cap. */
  sharePaise: number;
  recipientActive: boolean;
  /** Room under the recipient's cap at this level before and after this purchase; null when inactive. */
  capRoomBeforePaise: number | null;
  capRoomAfterPaise: number | null;
}

export interface PurchaseView {
  purchaseId: number;
  buyerId: number;
  amountPaise: number;
  isValid: boolean;
  note: string;
  /** ISO 8601, UTC. */
  timestamp: string;
  commissions: CommissionView[];
}

/**
 * One row of a user's earnings: a credit from a purchase, or (with `refundId` set and a negative amount) its
 * reversal by a refund. The one shape of an earning everywhere: in answers, exports and the JetStream event
 * (wire names: never rename without a migration).
 */
export interface Earning {
  earningId: number;
  userId: number;
  level: Level;
  amountPaise: number;
  /** The buyer whose purchase paid this credit. */
  sourceUserId: number;
  purchaseId: number;
  /** Set when this is the reversal of a credit by a refund (amountPaise is then negative). */
  refundId: number | null;
  /** The user's total earnings right after this row. */
  totalEarningsPaise: number;
  /** ISO 8601, UTC. */
  timestamp: string;
}

/** One value per configured level, keyed `1` … `N`. */
export type PerLevel<T> = Record<Level, T>;

export interface EarningsSummary {
  userId: number;
  totalPaise: number;
  byLevelPaise: PerLevel<number>;
  capRemainingPaise: PerLevel<number>;
  /** Newest first, a page at a time. */
  details: Earning[];
  /** Pass as `beforeEarningId` for the next page of details; null on the last page. */
  nextCursor: number | null;
}

/** A user's earnings summary, with a page of the details (so that no user outgrows a NATS message). */
export class EarningsRequest {
  @IsId()
  userId!: number;

  /** Only details with a smaller earning id (the previous page's cursor); omitted for the newest. */
  @IsOptional()
  @IsId()
  beforeEarningId?: number;

  @IsInt()
  @Min(1)
  @Max(1000)
  limit!: number;
}

/** Asks for a user's credits after a given earning id, oldest first, for an SSE client that reconnects. */
export class EarningsSinceRequest {
  @IsId()
  userId!: number;

  /** Replay credits with a greater earning id; 0 for all. */
  @IsInt()
  @Min(0)
  afterEarningId!: number;

  /** At most this many credits per answer; ask again from the last id for more. */
  @IsInt()
  @Min(1)
  @Max(1000)
  limit!: number;
}

export class LeaderboardRequest {
  @IsInt()
  @Min(1)
  @Max(100)
  limit!: number;
}

export interface LeaderboardEntry {
  userId: number;
  /** From commissions' copy of the tree; empty if the copy does not have the user yet. */
  name: string;
  totalPaise: number;
}

/** Member changes to apply to commissions' copy of the tree, in any order (see `MemberChange`). */
export class ApplyMemberChangesRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_MEMBER_CHANGES_PER_REQUEST)
  @ValidateNested({ each: true })
  @Type(() => MemberChange)
  changes!: MemberChange[];
}

export interface TreeMemberEarned extends TreeMember {
  /** Net paise the asked user earned from this member's purchases. */
  earnedPaise: number;
}

/** A user's referrals two levels deep, each list ordered by id, with what the user earned from each. */
export interface ReferralsView {
  userId: number;
  direct: TreeMemberEarned[];
  indirect: (TreeMemberEarned & { via: number })[];
}

/** One credit or reversal, as the notifier streams it: an earning row. */
export type EarningCredited = Earning;

/**
 * The event of a recorded purchase: the purchase as answered, and the credits it wrote, each as an
 * `EarningCredited` event would carry it. A purchase's credits travel in this one message rather than one
 * message each (a third of the broker's work per purchase); reversals still go one by one on their subject.
 */
export interface PurchaseRecorded extends PurchaseView {
  /** In earning id order; empty when no one above the buyer was credited. */
  credits: EarningCredited[];
}
