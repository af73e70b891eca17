import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { RequestSubject } from '@app/contracts';
import { ServiceClient } from '@app/platform';
import { Input } from '../http/input.decorator';
import { UserIdParams } from '../users/users.dto';
import { ReferInput, type ReferralsResponse, type ReferResponse } from './referrals.dto';
import { ReferralsView } from './referrals.view';

@Controller()
export class ReferralsController {
  constructor(
    private readonly services: ServiceClient,
    private readonly referralsView: ReferralsView,
  ) {}

  /** Links `user_id` under `referrer_id`: `POST /refer?referrer_id=1&user_id=2`. */
  @Post('refer')
  @HttpCode(200)
  async refer(@Input() input: ReferInput): Promise<ReferResponse> {
    const result = await this.services.request(RequestSubject.Refer, {
      referrerId: input.referrer_id,
      userId: input.user_id,
    });
    return { message: 'User referred', referrer_id: result.referrerId, user_id: result.userId };
  }

  /** A user's direct and indirect referrals, each with what the user earned from them. */
  @Get('referrals/:user_id')
  referrals(@Param() params: UserIdParams): Promise<ReferralsResponse> {
    return this.referralsView.of(params.user_id);
  }
}
