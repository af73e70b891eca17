import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateUserRequest,
  ReferRequest,
  RequestSubject,
  SetUserActiveRequest,
  UserIdRequest,
  UserIdsRequest,
  type ResponseOf,
} from '@app/contracts';
import { UsersService } from './users.service';

@Controller()
export class UsersMessageController {
  constructor(private readonly users: UsersService) {}

  @MessagePattern(RequestSubject.CreateUser)
  create(@Payload() request: CreateUserRequest): Promise<ResponseOf<RequestSubject.CreateUser>> {
    return this.users.create(request.name);
  }

  @MessagePattern(RequestSubject.GetUser)
  get(@Payload() request: UserIdRequest): Promise<ResponseOf<RequestSubject.GetUser>> {
    return this.users.get(request.userId);
  }

  @MessagePattern(RequestSubject.GetUserNames)
  names(@Payload() request: UserIdsRequest): Promise<ResponseOf<RequestSubject.GetUserNames>> {
    return this.users.names(request.userIds);
  }

  @MessagePattern(RequestSubject.SetUserActive)
  setActive(@Payload() request: SetUserActiveRequest): Promise<ResponseOf<RequestSubject.SetUserActive>> {
    return this.users.setActive(request.userId, request.isActive);
  }

  @MessagePattern(RequestSubject.Refer)
  refer(@Payload() request: ReferRequest): Promise<ResponseOf<RequestSubject.Refer>> {
    return this.users.refer(request.referrerId, request.userId);
  }
}
