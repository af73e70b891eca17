import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { RefundPurchaseRequest, RequestSubject, type ResponseOf } from '@app/contracts';
import { RefundsService } from './refunds.service';

@Controller()
export class RefundsMessageController {
  constructor(private readonly refunds: RefundsService) {}

  @MessagePattern(RequestSubject.RefundPurchase)
  refund(@Payload() request: RefundPurchaseRequest): Promise<ResponseOf<RequestSubject.RefundPurchase>> {
    return this.refunds.refund(request);
  }
}
