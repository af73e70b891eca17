import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { AuditAction, RequestSubject } from '@app/contracts';
import { ServiceClient } from '@app/platform';
import { AuditTrail } from '../audit/audit-trail';
import { CurrentPrincipal, OwnUserData } from '../auth/access.decorators';
import type { Principal } from '../auth/principal';
import { Input } from '../http/input.decorator';
import { UserIdParams } from '../users/users.dto';
import { ReferInput, type ReferralsResponse, type ReferResponse } from './referrals.dto';
import { ReferralsView } from './referrals.view';

@Controller()
export class ReferralsController {
  constructor(
    private readonly services: ServiceClient,
    private readonly referralsView: ReferralsView,
    private readonly audit: AuditTrail,
  ) {}

  /** Links `user_id` under `referrer_id`: `POST /refer?referrer_id=1&user_id=2`. */
  @Post('refer')
  @HttpCode(200)
  async refer(@Input() input: ReferInput, @CurrentPrincipal() principal: Principal): Promise<ReferResponse> {
    const result = await this.services.request(RequestSubject.Refer, {
      referrerId: input.referrer_id,
      userId: input.user_id,
    });
    await this.audit.record(principal, AuditAction.UserReferred, [result.userId, result.referrerId], {
      referrer_id: result.referrerId,
      user_id: result.userId,
    });
    return { message: 'User referred', referrer_id: result.referrerId, user_id: result.userId };
  }

  /** A user's direct and indirect referrals, each with what the user earned from them. */
  @Get('referrals/:user_id')
  @OwnUserData()
  referrals(@Param() params: UserIdParams): Promise<ReferralsResponse> {
    return this.referralsView.of(params.user_id);
  }
}
