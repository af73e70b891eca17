/**
 * NATS subjects: the wire names services use to talk to each other.
 * Wire names: never rename one without a migration of every running service.
 */

/** Request/reply subjects (answered by one instance of a queue group). */
export enum RequestSubject {
  ReferralsHealth = 'referrals.health',
  CreateUser = 'referrals.user.create',
  GetUser = 'referrals.user.get',
  GetUserNames = 'referrals.user.names',
  SetUserActive = 'referrals.user.set-active',
  Refer = 'referrals.refer',
  RecordAudit = 'referrals.audit.record',
  ListAudit = 'referrals.audit.list',

  CommissionsHealth = 'commissions.health',
  RecordPurchase = 'commissions.purchase.record',
  GetEarnings = 'commissions.earnings.get',
  GetEarningsSince = 'commissions.earnings.since',
  GetLeaderboard = 'commissions.leaderboard.get',
  GetReferrals = 'commissions.referrals.get',
  ApplyMemberChanges = 'commissions.members.apply',
  RefundPurchase = 'commissions.purchase.refund',
  GetPurchase = 'commissions.purchase.get',
  ListTransactions = 'commissions.transactions.list',
  GetBalance = 'commissions.balance.get',
  CreatePayouts = 'commissions.payouts.create',
  GetPayout = 'commissions.payout.get',
  CompletePayout = 'commissions.payout.complete',
  FailPayout = 'commissions.payout.fail',
  ListPayouts = 'commissions.payouts.list',

  NotifierHealth = 'notifier.health',
  CreateWebhook = 'notifier.webhook.create',
  ListWebhooks = 'notifier.webhook.list',
  GetWebhook = 'notifier.webhook.get',
  UpdateWebhook = 'notifier.webhook.update',
  DeleteWebhook = 'notifier.webhook.delete',
  RotateWebhookSecret = 'notifier.webhook.rotate-secret',
  ListWebhookDeliveries = 'notifier.webhook.deliveries.list',
  RetryWebhookDelivery = 'notifier.webhook.deliveries.retry',
}

/**
 * Where a service's requests go when a caller sends several of one subject together (`libs/platform`'s
 * `RequestBatcher`): one subject per service, `<service>.batch`, answered by one instance of its queue group.
 */
export function batchSubjectOf(subject: RequestSubject): string {
  return `${subject.slice(0, subject.indexOf('.'))}.batch`;
}

/** Events (every subscriber gets each one). */
export enum EventSubject {
  /** A committed user change (JetStream stream USERS, from the referrals outbox). */
  UserCreated = 'referrals.event.user-created',
  UserReferred = 'referrals.event.user-referred',
  /** Only when the flag changed: a repeated deactivation announces nothing. */
  UserStatusChanged = 'referrals.event.user-status-changed',
  /** Every committed change of a user, as the whole user with its version: feeds commissions' copy of the tree. */
  MemberChanged = 'referrals.event.member-changed',
  /** A refund's reversal (a purchase's credits ride on its PurchaseRecorded). */
  EarningCredited = 'commissions.event.earning-credited',
  /** A purchase committed (JetStream, from the commissions outbox): the purchase as answered, and its credits. */
  PurchaseRecorded = 'commissions.event.purchase-recorded',
  PayoutCreated = 'commissions.event.payout-created',
  PayoutPaid = 'commissions.event.payout-paid',
  PayoutFailed = 'commissions.event.payout-failed',
}
