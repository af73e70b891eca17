import { ErrorCode } from '@app/contracts';

/** The one table from error codes to HTTP statuses (SPEC.md "Errors"). */
export const HTTP_STATUS_OF: Record<ErrorCode, number> = {
  [ErrorCode.ValidationFailed]: 400,
  [ErrorCode.ReferralSelf]: 400,
  [ErrorCode.ReferralAlreadyReferred]: 400,
  [ErrorCode.ReferralCycle]: 400,
  [ErrorCode.ReferralLimitReached]: 400,
  [ErrorCode.RefundExceedsPurchase]: 400,
  [ErrorCode.PayoutNotFound]: 404,
  [ErrorCode.PayoutNotProcessing]: 409,
  [ErrorCode.WebhookUrlNotAllowed]: 400,
  [ErrorCode.WebhookNotFound]: 404,
  [ErrorCode.WebhookDeliveryNotFound]: 404,
  [ErrorCode.UserNotFound]: 404,
  [ErrorCode.PurchaseNotFound]: 404,
  [ErrorCode.RouteNotFound]: 404,
  [ErrorCode.AuthUnauthenticated]: 401,
  [ErrorCode.AuthForbidden]: 403,
  [ErrorCode.IdempotencyKeyReused]: 409,
  [ErrorCode.PayloadTooLarge]: 413,
  [ErrorCode.RateLimited]: 429,
  [ErrorCode.ServiceUnavailable]: 503,
  [ErrorCode.Internal]: 500,
};

/** Codes for errors raised by the HTTP layer itself (unknown route, malformed JSON, oversized body…). */
export function codeForHttpStatus(status: number): string {
  switch (status) {
    case 400:
      return ErrorCode.ValidationFailed;
    case 404:
      return ErrorCode.RouteNotFound;
    case 413:
      return ErrorCode.PayloadTooLarge;
    default:
      return status >= 500 ? ErrorCode.Internal : `HTTP.${status}`;
  }
}
