import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreatePayoutsRequest,
  FailPayoutRequest,
  ListPayoutsRequest,
  PayoutIdRequest,
  RequestSubject,
  UserIdRequest,
  type ResponseOf,
} from '@app/contracts';
import { PayoutsService } from './payouts.service';

@Controller()
export class PayoutsMessageController {
  constructor(private readonly payouts: PayoutsService) {}

  @MessagePattern(RequestSubject.GetBalance)
  balance(@Payload() request: UserIdRequest): Promise<ResponseOf<RequestSubject.GetBalance>> {
    return this.payouts.balance(request.userId);
  }

  @MessagePattern(RequestSubject.CreatePayouts)
  async create(@Payload() request: CreatePayoutsRequest): Promise<ResponseOf<RequestSubject.CreatePayouts>> {
    return { payouts: await this.payouts.create(request) };
  }

  @MessagePattern(RequestSubject.GetPayout)
  get(@Payload() request: PayoutIdRequest): Promise<ResponseOf<RequestSubject.GetPayout>> {
    return this.payouts.get(request.payoutId);
  }

  @MessagePattern(RequestSubject.CompletePayout)
  complete(@Payload() request: PayoutIdRequest): Promise<ResponseOf<RequestSubject.CompletePayout>> {
    return this.payouts.complete(request.payoutId);
  }

  @MessagePattern(RequestSubject.FailPayout)
  fail(@Payload() request: FailPayoutRequest): Promise<ResponseOf<RequestSubject.FailPayout>> {
    return this.payouts.fail(request.payoutId, request.reason);
  }

  @MessagePattern(RequestSubject.ListPayouts)
  list(@Payload() request: ListPayoutsRequest): Promise<ResponseOf<RequestSubject.ListPayouts>> {
    return this.payouts.list(request);
  }
}
