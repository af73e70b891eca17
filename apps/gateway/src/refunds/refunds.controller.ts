import { Controller, Headers, Param, Post } from '@nestjs/common';
import { AuditAction, parseRupeesToPaise, RequestSubject } from '@app/contracts';
import { ServiceClient } from '@app/platform';
import { AuditTrail } from '../audit/audit-trail';
import { CurrentPrincipal } from '../auth/access.decorators';
import type { Principal } from '../auth/principal';
import { IDEMPOTENCY_KEY_RULE, idempotencyKeyFrom } from '../http/idempotency-key';
import { Input } from '../http/input.decorator';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiInput } from '../http/api-docs';
import { PurchaseIdParams, RefundInput, RefundResponse, toRefundResponse } from './refunds.dto';

@ApiTags('purchases')
@Controller('purchase')
export class RefundsController {
  constructor(
    private readonly services: ServiceClient,
    private readonly audit: AuditTrail,
  ) {}

  /**
   * Refunds all or part of a purchase: `POST /purchase/17/refund?amount=500` → 201. Its commissions are
   * reversed in proportion at both levels; refunds never add up to more than the purchase (400). An
   * `Idempotency-Key` makes a retry return the first answer.
   */
  @Post(':purchase_id/refund')
  @ApiOperation({ summary: 'Refund all or part of a purchase, reversing its commissions in proportion' })
  @ApiInput(RefundInput)
  @ApiHeader({
    name: 'idempotency-key',
    required: false,
    description: `A retry returns the first answer. ${IDEMPOTENCY_KEY_RULE}`,
  })
  @ApiCreatedResponse({ type: RefundResponse })
  @ApiErrors(400, 404, 409, 503)
  async refund(
    @Param() params: PurchaseIdParams,
    @Input() input: RefundInput,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<RefundResponse> {
    const { key } = idempotencyKeyFrom(idempotencyKey);
    const refund = await this.services.request(RequestSubject.RefundPurchase, {
      refundKey: key,
      purchaseId: params.purchase_id,
      amountPaise: input.amount === undefined ? undefined : (parseRupeesToPaise(input.amount) ?? undefined),
    });
    // The users whose earnings the refund took back; the purchase id leads to the buyer.
    const affected = [...new Set(refund.reversals.map((reversal) => reversal.userId))];
    await this.audit.record(principal, AuditAction.PurchaseRefunded, affected, {
      purchase_id: refund.purchaseId,
      refund_id: refund.refundId,
      amount_paise: refund.amountPaise,
    });
    return toRefundResponse(refund);
  }
}
