import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ApplyMemberChangesRequest, RequestSubject, type ResponseOf } from '@app/contracts';
import { MembersService } from './members.service';

@Controller()
export class MembersMessageController {
  constructor(private readonly members: MembersService) {}

  @MessagePattern(RequestSubject.ApplyMemberChanges)
  async apply(@Payload() request: ApplyMemberChangesRequest): Promise<ResponseOf<RequestSubject.ApplyMemberChanges>> {
    return { applied: await this.members.apply(request.changes) };
  }
}
