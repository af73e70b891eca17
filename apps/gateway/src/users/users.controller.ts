import { Controller, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { RequestSubject } from '@app/contracts';
import { ServiceClient } from '@app/platform';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiInput } from '../http/api-docs';
import { Input } from '../http/input.decorator';
import { CreateUserInput, toUserResponse, UserIdParams, UserResponse, UserStatusResponse } from './users.dto';

@ApiTags('users')
@Controller('user')
export class UsersController {
  constructor(private readonly services: ServiceClient) {}

  /** Creates a user: `POST /user?name=Alice` → 201. */
  @Post()
  @ApiOperation({ summary: 'Create a user', description: '`POST /user?name=Alice`' })
  @ApiInput(CreateUserInput)
  @ApiCreatedResponse({ type: UserResponse })
  @ApiErrors(400, 503)
  async create(@Input() input: CreateUserInput): Promise<UserResponse> {
    return toUserResponse(await this.services.request(RequestSubject.CreateUser, { name: input.name }));
  }

  /** Deactivates a user: they earn nothing until reactivated. Repeating is harmless. */
  @Patch(':user_id/deactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Deactivate a user: they earn nothing until reactivated; repeating is harmless' })
  @ApiOkResponse({ type: UserStatusResponse })
  @ApiErrors(400, 404, 503)
  deactivate(@Param() params: UserIdParams): Promise<UserStatusResponse> {
    return this.setActive(params.user_id, false);
  }

  /** Reactivates a user. Repeating is harmless. */
  @Patch(':user_id/reactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reactivate a user; repeating is harmless' })
  @ApiOkResponse({ type: UserStatusResponse })
  @ApiErrors(400, 404, 503)
  reactivate(@Param() params: UserIdParams): Promise<UserStatusResponse> {
    return this.setActive(params.user_id, true);
  }

  private async setActive(userId: number, isActive: boolean): Promise<UserStatusResponse> {
    const user = await this.services.request(RequestSubject.SetUserActive, { userId, isActive });
    return { user_id: user.id, is_active: user.isActive };
  }
}
