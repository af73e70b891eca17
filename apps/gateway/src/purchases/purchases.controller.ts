import { Controller, Headers, Post } from '@nestjs/common';
import { parseRupeesToPaise, RequestSubject } from '@app/contracts';
import { ServiceClient } from '@app/platform';
import { RequireScope } from '../auth/access.decorators';
import { Scope } from '../auth/scopes';
import { idempotencyKeyFrom } from '../http/idempotency-key';
import { Input } from '../http/input.decorator';
import { PurchaseInput, toPurchaseResponse, type PurchaseResponse } from './purchases.dto';

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
  async record(
    @Input() input: PurchaseInput,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<PurchaseResponse> {
    const { key, fromClient } = idempotencyKeyFrom(idempotencyKey);
    const purchase = await this.services.request(RequestSubject.RecordPurchase, {
      purchaseKey: key,
      keyFromClient: fromClient,
      buyerId: input.buyer_id,
      amountPaise: parseRupeesToPaise(input.amount) ?? 0,
    });
    return toPurchaseResponse(purchase);
  }
}
