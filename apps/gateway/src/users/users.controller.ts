import { Controller, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { AuditAction, RequestSubject } from '@app/contracts';
import { ServiceClient } from '@app/platform';
import { AuditTrail } from '../audit/audit-trail';
import { CurrentPrincipal } from '../auth/access.decorators';
import type { Principal } from '../auth/principal';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiInput } from '../http/api-docs';
import { Input } from '../http/input.decorator';
import { MemberCopies } from './member-copies';
import { CreateUserInput, toUserResponse, UserIdParams, UserResponse, UserStatusResponse } from './users.dto';

@ApiTags('users')
@Controller('user')
export class UsersController {
  constructor(
    private readonly services: ServiceClient,
    private readonly memberCopies: MemberCopies,
    private readonly audit: AuditTrail,
  ) {}

  /** Creates a user: `POST /user?name=Alice` → 201. */
  @Post()
  @ApiOperation({ summary: 'Create a user', description: '`POST /user?name=Alice`' })
  @ApiInput(CreateUserInput)
  @ApiCreatedResponse({ type: UserResponse })
  @ApiErrors(400, 503)
  async create(@Input() input: CreateUserInput, @CurrentPrincipal() principal: Principal): Promise<UserResponse> {
    const user = await this.services.request(RequestSubject.CreateUser, { name: input.name });
    await this.audit.record(principal, AuditAction.UserCreated, [user.id]);
    await this.memberCopies.passOn(user);
    return toUserResponse(user);
  }

  /** Deactivates a user: they earn nothing until reactivated. Repeating is harmless. */
  @Patch(':user_id/deactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Deactivate a user: they earn nothing until reactivated; repeating is harmless' })
  @ApiOkResponse({ type: UserStatusResponse })
  @ApiErrors(400, 404, 503)
  deactivate(@Param() params: UserIdParams, @CurrentPrincipal() principal: Principal): Promise<UserStatusResponse> {
    return this.setActive(principal, params.user_id, false);
  }

  /** Reactivates a user. Repeating is harmless. */
  @Patch(':user_id/reactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reactivate a user; repeating is harmless' })
  @ApiOkResponse({ type: UserStatusResponse })
  @ApiErrors(400, 404, 503)
  reactivate(@Param() params: UserIdParams, @CurrentPrincipal() principal: Principal): Promise<UserStatusResponse> {
    return this.setActive(principal, params.user_id, true);
  }

  private async setActive(principal: Principal, userId: number, isActive: boolean): Promise<UserStatusResponse> {
    const user = await this.services.request(RequestSubject.SetUserActive, { userId, isActive });
    // Every call is recorded, a repeated one too: it is what the administrator asked for.
    await this.audit.record(principal, isActive ? AuditAction.UserReactivated : AuditAction.UserDeactivated, [user.id]);
    await this.memberCopies.passOn(user);
    return { user_id: user.id, is_active: user.isActive };
  }
}
