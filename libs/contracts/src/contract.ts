import type { AuditPage, ListAuditRequest, RecordAuditRequest } from './audit.payloads';
import type {
  ListTransactionsRequest,
  PurchaseDetail,
  PurchaseIdRequest,
  RefundPurchaseRequest,
  RefundView,
  TransactionsPage,
} from './refunds.payloads';
import type {
  ApplyMemberChangesRequest,
  EarningCredited,
  EarningsRequest,
  EarningsSinceRequest,
  EarningsSummary,
  LeaderboardEntry,
  LeaderboardRequest,
  PurchaseRecorded,
  PurchaseView,
  RecordPurchaseRequest,
  ReferralsView,
} from './commissions.payloads';
import type { EmptyRequest, HealthStatus } from './health';
import type {
  BalanceView,
  CreatePayoutsRequest,
  FailPayoutRequest,
  ListPayoutsRequest,
  PayoutIdRequest,
  PayoutsCreated,
  PayoutsPage,
  PayoutView,
} from './payouts.payloads';
import type {
  CreateWebhookRequest,
  DeliveriesPage,
  DeliveryView,
  ListDeliveriesRequest,
  RetryDeliveryRequest,
  UpdateWebhookRequest,
  WebhookIdRequest,
  WebhookView,
  WebhookWithSecret,
} from './webhooks.payloads';
import type {
  CreateUserRequest,
  MemberChange,
  Referral,
  ReferRequest,
  SetUserActiveRequest,
  UserIdRequest,
  UserIdsRequest,
  UserReferred,
  UserStatusChanged,
  UserView,
} from './referrals.payloads';
import { EventSubject, RequestSubject } from './subjects';

interface Exchange<Request, Response> {
  request: Request;
  response: Response;
}

/**
 * What each request subject carries and answers. Extending the Record makes a subject without an entry a
 * compile error.
 */
export interface RequestContract extends Record<RequestSubject, Exchange<unknown, unknown>> {
  [RequestSubject.ReferralsHealth]: Exchange<EmptyRequest, HealthStatus>;
  [RequestSubject.CreateUser]: Exchange<CreateUserRequest, UserView>;
  [RequestSubject.GetUser]: Exchange<UserIdRequest, UserView>;
  [RequestSubject.GetUserNames]: Exchange<UserIdsRequest, Record<number, string>>;
  [RequestSubject.SetUserActive]: Exchange<SetUserActiveRequest, UserView>;
  [RequestSubject.Refer]: Exchange<ReferRequest, Referral>;
  [RequestSubject.RecordAudit]: Exchange<RecordAuditRequest, { auditId: number }>;
  [RequestSubject.ListAudit]: Exchange<ListAuditRequest, AuditPage>;

  [RequestSubject.CommissionsHealth]: Exchange<EmptyRequest, HealthStatus>;
  [RequestSubject.RecordPurchase]: Exchange<RecordPurchaseRequest, PurchaseView>;
  [RequestSubject.GetEarnings]: Exchange<EarningsRequest, EarningsSummary>;
  [RequestSubject.GetEarningsSince]: Exchange<EarningsSinceRequest, EarningCredited[]>;
  [RequestSubject.GetLeaderboard]: Exchange<LeaderboardRequest, LeaderboardEntry[]>;
  [RequestSubject.GetReferrals]: Exchange<UserIdRequest, ReferralsView>;
  [RequestSubject.ApplyMemberChanges]: Exchange<ApplyMemberChangesRequest, { applied: number }>;
  [RequestSubject.RefundPurchase]: Exchange<RefundPurchaseRequest, RefundView>;
  [RequestSubject.GetPurchase]: Exchange<PurchaseIdRequest, PurchaseDetail>;
  [RequestSubject.ListTransactions]: Exchange<ListTransactionsRequest, TransactionsPage>;
  [RequestSubject.GetBalance]: Exchange<UserIdRequest, BalanceView>;
  [RequestSubject.CreatePayouts]: Exchange<CreatePayoutsRequest, PayoutsCreated>;
  [RequestSubject.GetPayout]: Exchange<PayoutIdRequest, PayoutView>;
  [RequestSubject.CompletePayout]: Exchange<PayoutIdRequest, PayoutView>;
  [RequestSubject.FailPayout]: Exchange<FailPayoutRequest, PayoutView>;
  [RequestSubject.ListPayouts]: Exchange<ListPayoutsRequest, PayoutsPage>;

  [RequestSubject.NotifierHealth]: Exchange<EmptyRequest, HealthStatus>;
  [RequestSubject.CreateWebhook]: Exchange<CreateWebhookRequest, WebhookWithSecret>;
  [RequestSubject.ListWebhooks]: Exchange<EmptyRequest, WebhookView[]>;
  [RequestSubject.GetWebhook]: Exchange<WebhookIdRequest, WebhookView>;
  [RequestSubject.UpdateWebhook]: Exchange<UpdateWebhookRequest, WebhookView>;
  [RequestSubject.DeleteWebhook]: Exchange<WebhookIdRequest, { deleted: true }>;
  [RequestSubject.RotateWebhookSecret]: Exchange<WebhookIdRequest, WebhookWithSecret>;
  [RequestSubject.ListWebhookDeliveries]: Exchange<ListDeliveriesRequest, DeliveriesPage>;
  [RequestSubject.RetryWebhookDelivery]: Exchange<RetryDeliveryRequest, DeliveryView>;
}

export type RequestOf<S extends RequestSubject> = RequestContract[S]['request'];
export type ResponseOf<S extends RequestSubject> = RequestContract[S]['response'];

/** What each event subject carries. */
export interface EventContract extends Record<EventSubject, unknown> {
  [EventSubject.UserCreated]: UserView;
  [EventSubject.UserReferred]: UserReferred;
  [EventSubject.UserStatusChanged]: UserStatusChanged;
  [EventSubject.MemberChanged]: MemberChange;
  [EventSubject.EarningCredited]: EarningCredited;
  [EventSubject.PurchaseRecorded]: PurchaseRecorded;
  [EventSubject.PayoutCreated]: PayoutView;
  [EventSubject.PayoutPaid]: PayoutView;
  [EventSubject.PayoutFailed]: PayoutView;
}

export type PayloadOf<S extends EventSubject> = EventContract[S];
