import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { RequestSubject, type ResponseOf } from '@app/contracts';

@Controller()
export class HealthMessageController {
  @MessagePattern(RequestSubject.NotifierHealth)
  health(): ResponseOf<RequestSubject.NotifierHealth> {
    return { service: 'notifier', status: 'ok' };
  }
}
