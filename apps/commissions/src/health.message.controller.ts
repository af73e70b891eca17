import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { RequestSubject, type ResponseOf } from '@app/contracts';

@Controller()
export class HealthMessageController {
  @MessagePattern(RequestSubject.CommissionsHealth)
  health(): ResponseOf<RequestSubject.CommissionsHealth> {
    return { service: 'commissions', status: 'ok' };
  }
}
