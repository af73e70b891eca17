import { ArrayMaxSize, IsArray, IsEnum, IsInt, IsObject, IsOptional, Matches, Max, Min } from 'class-validator';
import { IsId } from './validation';

/** What an administrator did. Wire names, also stored in the audit log: never rename without a migration. */
export enum AuditAction {
  UserCreated = 'user.created',
  UserReferred = 'user.referred',
  UserDeactivated = 'user.deactivated',
  UserReactivated = 'user.reactivated',
  PurchaseRefunded = 'purchase.refunded',
  PayoutsCreated = 'payouts.created',
  PayoutCompleted = 'payout.completed',
  PayoutFailed = 'payout.failed',
  TokenMinted = 'token.minted',
  SessionMinted = 'session.minted',
  WebhookCreated = 'webhook.created',
  WebhookUpdated = 'webhook.updated',
  WebhookDeleted = 'webhook.deleted',
  WebhookSecretRotated = 'webhook.secret-rotated',
  WebhookDeliveryRetried = 'webhook.delivery-retried',
}

/** Who acted: an API key's id (`ops`, `shop-1`), never the key itself. */
export const ACTOR_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;

/** Facts about an action worth keeping beside it (ids, amounts, expiry); never a secret. */
export type AuditDetails = Record<string, string | number | boolean | null>;

/** Appends one entry to the audit log, after the action it describes succeeded. */
export class RecordAuditRequest {
  @Matches(ACTOR_PATTERN, { message: 'actor must be a credential id' })
  actor!: string;

  @IsEnum(AuditAction)
  action!: AuditAction;

  /** The users the action was about, so that `GET /audit?user_id=` finds it. */
  @IsArray()
  @ArrayMaxSize(16)
  @IsInt({ each: true })
  @Min(1, { each: true })
  userIds!: number[];

  @IsOptional()
  @IsObject()
  details?: AuditDetails;
}

export class ListAuditRequest {
  /** Only entries about this user; all entries when omitted. */
  @IsOptional()
  @IsId()
  userId?: number;

  /** Only entries with a smaller id (the cursor of the previous page). */
  @IsOptional()
  @IsId()
  beforeId?: number;

  @IsInt()
  @Min(1)
  @Max(100)
  limit!: number;
}

export interface AuditEntry {
  auditId: number;
  actor: string;
  action: AuditAction;
  userIds: number[];
  details: AuditDetails;
  /** ISO 8601, UTC. */
  timestamp: string;
}

export interface AuditPage {
  /** Newest first. */
  entries: AuditEntry[];
  /** Pass as `beforeId` for the next page; null on the last page. */
  nextCursor: number | null;
}
