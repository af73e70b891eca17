import {
  earningMessageId,
  EventSubject,
  IsId,
  paiseToRupees,
  PayoutStatus,
  WebhookEventType,
  type EarningCredited,
  type EventContract,
  type PayoutView,
  type PurchaseView,
  type UserReferred,
  type UserStatusChanged,
  type UserView,
  decodeMessage,
} from '@app/contracts';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsEnum, IsInt, IsISO8601, IsOptional, IsString, ValidateNested } from 'class-validator';
import { decodeEarningCredited, EarningCreditedMessage } from '../events/earning-credited.message';

/** What a webhook delivers: the body's `type`, `timestamp` and snake_case `data` (SPEC.md "Webhooks"). */
export interface WebhookEvent {
  type: WebhookEventType;
  timestamp: string;
  data: Record<string, unknown>;
}

/** One event a message becomes, and the id it is stored under when that is not the message's own. */
export interface WebhookEventPart {
  event: WebhookEvent;
  /** A credit that rides on its purchase's message keeps the id its own message would have had. */
  sourceId?: string;
}

/* Payloads as they arrive from JetStream, validated where they are received (the credit has its own class). */

class PurchaseMessage {
  @IsId() purchaseId!: number;
  @IsId() buyerId!: number;
  @IsInt() amountPaise!: number;
  @IsBoolean() isValid!: boolean;
  @IsString() note!: string;
  @IsISO8601({ strict: true }) timestamp!: string;
  @IsArray() commissions!: PurchaseView['commissions'];
  /** Absent in events from before purchases carried their credits: read as none. */
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => EarningCreditedMessage)
  credits!: EarningCredited[];
}

class PayoutMessage {
  @IsId() payoutId!: number;
  @IsId() userId!: number;
  @IsInt() amountPaise!: number;
  @IsEnum(PayoutStatus) status!: PayoutStatus;
  @IsISO8601({ strict: true }) createdAt!: string;
  @IsOptional() @IsISO8601({ strict: true }) paidAt!: string | null;
  @IsOptional() @IsString() failureReason!: string | null;
}

class UserMessage {
  @IsId() id!: number;
  @IsString() name!: string;
  @IsBoolean() isActive!: boolean;
  @IsOptional() @IsId() referredBy!: number | null;
  @IsISO8601({ strict: true }) createdAt!: string;
}

class UserReferredMessage {
  @IsId() referrerId!: number;
  @IsId() userId!: number;
  @IsISO8601({ strict: true }) timestamp!: string;
}

class UserStatusMessage {
  @IsId() userId!: number;
  @IsBoolean() isActive!: boolean;
  @IsISO8601({ strict: true }) timestamp!: string;
}

/** The body of `POST /purchase`'s 201, as the gateway answers it. */
export const purchaseData = (purchase: PurchaseView): Record<string, unknown> => ({
  purchase_id: purchase.purchaseId,
  buyer_id: purchase.buyerId,
  amount: paiseToRupees(purchase.amountPaise),
  is_valid: purchase.isValid,
  note: purchase.note,
  timestamp: purchase.timestamp,
  commissions: purchase.commissions.map((commission) => ({
    user_id: commission.userId,
    level: commission.level,
    amount: paiseToRupees(commission.amountPaise),
    status: commission.status,
  })),
});

const payoutData = (payout: PayoutView): Record<string, unknown> => ({
  payout_id: payout.payoutId,
  user_id: payout.userId,
  amount: paiseToRupees(payout.amountPaise),
  status: payout.status,
  created_at: payout.createdAt,
  paid_at: payout.paidAt ?? null,
  failure_reason: payout.failureReason ?? null,
});

const userData = (user: Omit<UserView, 'version'>): Record<string, unknown> => ({
  user_id: user.id,
  name: user.name,
  is_active: user.isActive,
  referred_by: user.referredBy ?? null,
});

function creditWebhookEvent(credit: EarningCredited): WebhookEvent {
  const reversed = (credit.refundId ?? null) !== null || credit.amountPaise < 0;
  return {
    type: reversed ? WebhookEventType.CommissionReversed : WebhookEventType.CommissionCredited,
    timestamp: credit.timestamp,
    data: {
      earning_id: credit.earningId,
      user_id: credit.userId,
      level: credit.level,
      amount: paiseToRupees(credit.amountPaise),
      source_user_id: credit.sourceUserId,
      purchase_id: credit.purchaseId,
      refund_id: credit.refundId ?? null,
      total_earnings: paiseToRupees(credit.totalEarningsPaise),
      timestamp: credit.timestamp,
    },
  };
}

const one = (event: WebhookEvent | null): WebhookEventPart[] | null => event && [{ event }];

/** How each subject becomes webhook events: a Record, so a subject without a mapping is a compile error. */
const MAPPERS: { [S in EventSubject]: (json: string) => WebhookEventPart[] | null } = {
  [EventSubject.EarningCredited]: (json) => {
    const credit = decodeEarningCredited(json);
    return one(credit && creditWebhookEvent(credit));
  },
  // The purchase, then each credit it carries under the credit's own id.
  [EventSubject.PurchaseRecorded]: (json) => {
    const purchase: EventContract[EventSubject.PurchaseRecorded] | null = decodeMessage(PurchaseMessage, json);
    if (!purchase) {
      return null;
    }
    const { credits = [], ...view } = purchase;
    return [
      { event: { type: WebhookEventType.PurchaseRecorded, timestamp: view.timestamp, data: purchaseData(view) } },
      ...credits.map((credit) => ({ event: creditWebhookEvent(credit), sourceId: earningMessageId(credit.earningId) })),
    ];
  },
  [EventSubject.PayoutCreated]: (json) => one(payoutEvent(WebhookEventType.PayoutCreated, json)),
  [EventSubject.PayoutPaid]: (json) => one(payoutEvent(WebhookEventType.PayoutPaid, json)),
  [EventSubject.PayoutFailed]: (json) => one(payoutEvent(WebhookEventType.PayoutFailed, json)),
  [EventSubject.UserCreated]: (json) => {
    // Events written before users had versions carry none; the webhook does not tell it.
    const user: Omit<UserView, 'version'> | null = decodeMessage(UserMessage, json);
    return one(user && { type: WebhookEventType.UserCreated, timestamp: user.createdAt, data: userData(user) });
  },
  [EventSubject.UserReferred]: (json) => {
    const referral: UserReferred | null = decodeMessage(UserReferredMessage, json);
    return one(
      referral && {
        type: WebhookEventType.UserReferred,
        timestamp: referral.timestamp,
        data: { referrer_id: referral.referrerId, user_id: referral.userId },
      },
    );
  },
  [EventSubject.UserStatusChanged]: (json) => {
    const change: UserStatusChanged | null = decodeMessage(UserStatusMessage, json);
    return one(
      change && {
        type: change.isActive ? WebhookEventType.UserReactivated : WebhookEventType.UserDeactivated,
        timestamp: change.timestamp,
        data: { user_id: change.userId, is_active: change.isActive },
      },
    );
  },
  // Internal: commissions' copy of the tree. The webhooks tell of the same change as created, referred or status.
  [EventSubject.MemberChanged]: () => [],
};

function payoutEvent(type: WebhookEventType, json: string): WebhookEvent | null {
  const payout: PayoutView | null = decodeMessage(PayoutMessage, json);
  // The payout's own time of the change it announces.
  return payout && { type, timestamp: payout.paidAt ?? payout.createdAt, data: payoutData(payout) };
}

/** The webhook types each subject's events can become (a credit is credited or reversed, and so on). */
const TYPES_OF_SUBJECT: { [S in EventSubject]: readonly WebhookEventType[] } = {
  [EventSubject.EarningCredited]: [WebhookEventType.CommissionCredited, WebhookEventType.CommissionReversed],
  [EventSubject.PurchaseRecorded]: [WebhookEventType.PurchaseRecorded, WebhookEventType.CommissionCredited],
  [EventSubject.PayoutCreated]: [WebhookEventType.PayoutCreated],
  [EventSubject.PayoutPaid]: [WebhookEventType.PayoutPaid],
  [EventSubject.PayoutFailed]: [WebhookEventType.PayoutFailed],
  [EventSubject.UserCreated]: [WebhookEventType.UserCreated],
  [EventSubject.UserReferred]: [WebhookEventType.UserReferred],
  [EventSubject.UserStatusChanged]: [WebhookEventType.UserDeactivated, WebhookEventType.UserReactivated],
  [EventSubject.MemberChanged]: [],
};

/**
 * Whether a message on `subject` may matter to an endpoint subscribed to `subscribed`, judged before its payload
 * is decoded. An unknown subject may (it is then refused as malformed where it is taken).
 */
export const mayBeWanted = (subject: string, subscribed: ReadonlySet<WebhookEventType>): boolean =>
  !isEventSubject(subject) || TYPES_OF_SUBJECT[subject].some((type) => subscribed.has(type));

const isEventSubject = (subject: string): subject is EventSubject =>
  (Object.values(EventSubject) as string[]).includes(subject);

/** The webhook events a stream message announces; null when the subject is unknown or the payload malformed. */
export function webhookEventsOf(subject: string, json: string): WebhookEventPart[] | null {
  return isEventSubject(subject) ? MAPPERS[subject](json) : null;
}

/** The exact bytes that are signed and sent, the same on every try. */
export const webhookBody = (event: WebhookEvent): string =>
  JSON.stringify({ type: event.type, timestamp: event.timestamp, data: event.data });
