import { Controller, Headers, Post } from '@nestjs/common';
import { DomainError, ErrorCode, parseRupeesToPaise, RequestSubject } from '@app/contracts';
import { ServiceClient } from '@app/platform';
import { randomUUID } from 'node:crypto';
import { Input } from '../http/input.decorator';
import { PurchaseInput, toPurchaseResponse, type PurchaseResponse } from './purchases.dto';

const MAX_KEY_LENGTH = 200;

@Controller('purchase')
export class PurchasesController {
  constructor(private readonly services: ServiceClient) {}

  /**
   * Records a purchase and pays its commissions: `POST /purchase?buyer_id=5&amount=1500` → 201. With an
   * `Idempotency-Key`, a retry returns the first answer and records nothing new; without one, the gateway
   * gives the purchase an id of its own, so a redelivery inside the system is still processed once.
   */
  @Post()
  async record(
    @Input() input: PurchaseInput,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<PurchaseResponse> {
    if (idempotencyKey !== undefined && (idempotencyKey.length === 0 || idempotencyKey.length > MAX_KEY_LENGTH)) {
      throw new DomainError(ErrorCode.ValidationFailed, `Idempotency-Key must be 1 to ${MAX_KEY_LENGTH} characters`);
    }
    const purchase = await this.services.request(RequestSubject.RecordPurchase, {
      purchaseKey: idempotencyKey === undefined ? `gateway:${randomUUID()}` : `client:${idempotencyKey}`,
      keyFromClient: idempotencyKey !== undefined,
      buyerId: input.buyer_id,
      amountPaise: parseRupeesToPaise(input.amount) ?? 0,
    });
    return toPurchaseResponse(purchase);
  }
}
