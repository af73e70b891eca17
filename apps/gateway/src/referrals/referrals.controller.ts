import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { AuditAction, RequestSubject } from '@app/contracts';
import { ServiceClient } from '@app/platform';
import { AuditTrail } from '../audit/audit-trail';
import { CurrentPrincipal, OwnUserData } from '../auth/access.decorators';
import type { Principal } from '../auth/principal';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiInput } from '../http/api-docs';
import { Input } from '../http/input.decorator';
import { MemberCopies } from '../users/member-copies';
import { UserIdParams } from '../users/users.dto';
import { ReferInput, ReferralsResponse, ReferResponse } from './referrals.dto';
import { ReferralsView } from './referrals.view';

@ApiTags('referrals')
@Controller()
export class ReferralsController {
  constructor(
    private readonly services: ServiceClient,
    private readonly referralsView: ReferralsView,
    private readonly memberCopies: MemberCopies,
    private readonly audit: AuditTrail,
  ) {}

  /** Links `user_id` under `referrer_id`: `POST /refer?referrer_id=1&user_id=2`. */
  @Post('refer')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Refer a user',
    description:
      '`POST /refer?referrer_id=1&user_id=2`. 400 when the referrer has 8 direct referrals, the user is already ' +
      'referred, or it would be a self-referral or a cycle (checked in that order: self, already referred, ' +
      'cycle, limit); 404 for an unknown referrer or user.',
  })
  @ApiInput(ReferInput)
  @ApiOkResponse({ type: ReferResponse })
  @ApiErrors(400, 404, 503)
  async refer(@Input() input: ReferInput, @CurrentPrincipal() principal: Principal): Promise<ReferResponse> {
    const result = await this.services.request(RequestSubject.Refer, {
      referrerId: input.referrer_id,
      userId: input.user_id,
    });
    await this.audit.record(principal, AuditAction.UserReferred, [result.userId, result.referrerId], {
      referrer_id: result.referrerId,
      user_id: result.userId,
    });
    await this.memberCopies.passOn(result.user);
    return { message: 'User referred', referrer_id: result.referrerId, user_id: result.userId };
  }

  /** A user's direct and indirect referrals, each with what the user earned from them. */
  @Get('referrals/:user_id')
  @OwnUserData()
  @ApiOperation({ summary: "A user's direct and indirect referrals, with what the user earned from each" })
  @ApiOkResponse({ type: ReferralsResponse })
  @ApiErrors(400, 404, 503)
  referrals(@Param() params: UserIdParams): Promise<ReferralsResponse> {
    return this.referralsView.of(params.user_id);
  }
}
