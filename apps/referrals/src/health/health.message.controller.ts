import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { RequestSubject, type ResponseOf } from '@app/contracts';

@Controller()
export class HealthMessageController {
  @MessagePattern(RequestSubject.ReferralsHealth)
  health(): ResponseOf<RequestSubject.ReferralsHealth> {
    return { service: 'referrals', status: 'ok' };
  }
}
