import { Controller, Headers, Post } from '@nestjs/common';
import { parseRupeesToPaise, RequestSubject } from '@app/contracts';
import { ServiceClient } from '@app/platform';
import { RequireScope } from '../auth/access.decorators';
import { Scope } from '../auth/scopes';
import { IDEMPOTENCY_KEY_RULE, idempotencyKeyFrom } from '../http/idempotency-key';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiInput } from '../http/api-docs';
import { Input } from '../http/input.decorator';
import { PurchaseInput, PurchaseResponse, toPurchaseResponse } from './purchases.dto';

@ApiTags('purchases')
@Controller('purchase')
export class PurchasesController {
  constructor(private readonly services: ServiceClient) {}

  /**
   * Records a purchase and pays its commissions: `POST /purchase?buyer_id=5&amount=1500` → 201. With an
   * `Idempotency-Key`, a retry returns the first answer and records nothing new; without one, the gateway
   * gives the purchase an id of its own, so a redelivery inside the system is still processed once. Open to
   * `purchases:write` keys (a shop's backend); not audited, since it is the shop's business, not an admin's.
   */
  @Post()
  @RequireScope(Scope.PurchasesWrite)
  @ApiOperation({
    summary: 'Record a purchase and pay its commissions',
    description:
      '`POST /purchase?buyer_id=5&amount=1500`. Level 1 earns 5%, level 2 earns 1%, at most ₹1000 per level ' +
      'per user; inactive users earn nothing. Below ₹1000 the purchase is recorded with `is_valid: false`.',
  })
  @ApiInput(PurchaseInput)
  @ApiHeader({
    name: 'idempotency-key',
    required: false,
    description: `The same key with the same parameters returns the first answer; with others, 409. ${IDEMPOTENCY_KEY_RULE}`,
  })
  @ApiCreatedResponse({ type: PurchaseResponse })
  @ApiErrors(400, 404, 409, 503)
  async record(
    @Input() input: PurchaseInput,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<PurchaseResponse> {
    const { key } = idempotencyKeyFrom(idempotencyKey);
    const purchase = await this.services.request(RequestSubject.RecordPurchase, {
      purchaseKey: key,
      buyerId: input.buyer_id,
      amountPaise: parseRupeesToPaise(input.amount) ?? 0,
    });
    return toPurchaseResponse(purchase);
  }
}
