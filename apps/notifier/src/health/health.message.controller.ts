import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { RequestSubject, type HealthStatus } from '@app/contracts';
import { CreditHub } from '../events/credit-hub';

/** The notifier's health, with how many SSE subscriptions it holds (so leaks show from outside). */
export interface NotifierHealth extends HealthStatus {
  subscriptions: number;
}

@Controller()
export class HealthMessageController {
  constructor(private readonly hub: CreditHub) {}

  @MessagePattern(RequestSubject.NotifierHealth)
  health(): NotifierHealth {
    return { service: 'notifier', status: 'ok', subscriptions: this.hub.subscriptionCount() };
  }
}
