import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { RecordPurchaseRequest, RequestSubject, type ResponseOf } from '@app/contracts';
import { PurchasesService } from './purchases.service';

@Controller()
export class PurchasesMessageController {
  constructor(private readonly purchases: PurchasesService) {}

  @MessagePattern(RequestSubject.RecordPurchase)
  record(@Payload() request: RecordPurchaseRequest): Promise<ResponseOf<RequestSubject.RecordPurchase>> {
    return this.purchases.record(request);
  }
}
