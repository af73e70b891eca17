import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ListTransactionsRequest, PurchaseIdRequest, RequestSubject, type ResponseOf } from '@app/contracts';
import { HistoryService } from './history.service';

@Controller()
export class HistoryMessageController {
  constructor(private readonly history: HistoryService) {}

  @MessagePattern(RequestSubject.GetPurchase)
  purchase(@Payload() request: PurchaseIdRequest): Promise<ResponseOf<RequestSubject.GetPurchase>> {
    return this.history.purchase(request.purchaseId);
  }

  @MessagePattern(RequestSubject.ListTransactions)
  transactions(@Payload() request: ListTransactionsRequest): Promise<ResponseOf<RequestSubject.ListTransactions>> {
    return this.history.transactions(request.userId, request.beforePurchaseId, request.limit);
  }
}
