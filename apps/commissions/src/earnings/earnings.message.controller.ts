import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  EarningsRequest,
  EarningsSinceRequest,
  LeaderboardRequest,
  RequestSubject,
  UserIdRequest,
  type ResponseOf,
} from '@app/contracts';
import { EarningsService } from './earnings.service';

@Controller()
export class EarningsMessageController {
  constructor(private readonly earnings: EarningsService) {}

  @MessagePattern(RequestSubject.GetEarnings)
  summary(@Payload() request: EarningsRequest): Promise<ResponseOf<RequestSubject.GetEarnings>> {
    return this.earnings.summary(request.userId, request.beforeEarningId, request.limit);
  }

  @MessagePattern(RequestSubject.GetEarningsSince)
  since(@Payload() request: EarningsSinceRequest): Promise<ResponseOf<RequestSubject.GetEarningsSince>> {
    return this.earnings.since(request.userId, request.afterEarningId, request.limit);
  }

  @MessagePattern(RequestSubject.GetReferrals)
  referrals(@Payload() request: UserIdRequest): Promise<ResponseOf<RequestSubject.GetReferrals>> {
    return this.earnings.referrals(request.userId);
  }

  @MessagePattern(RequestSubject.GetLeaderboard)
  leaderboard(@Payload() request: LeaderboardRequest): Promise<ResponseOf<RequestSubject.GetLeaderboard>> {
    return this.earnings.leaderboard(request.limit);
  }
}
