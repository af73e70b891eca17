import { Controller, Get } from '@nestjs/common';
import { RequestSubject } from '@app/contracts';
import { ServiceClient } from '@app/platform';
import { Public } from '../auth/access.decorators';

const SERVICE_HEALTH = {
  referrals: RequestSubject.ReferralsHealth,
  commissions: RequestSubject.CommissionsHealth,
  notifier: RequestSubject.NotifierHealth,
} as const;

@Controller()
export class HealthController {
  constructor(private readonly services: ServiceClient) {}

  /** 200 when every service behind the gateway answers over NATS; 503 naming the first that does not. */
  @Get('health')
  @Public()
  async health(): Promise<{ status: 'ok'; services: Record<string, 'ok'> }> {
    const entries = await Promise.all(
      Object.entries(SERVICE_HEALTH).map(async ([name, subject]) => {
        await this.services.request(subject, {});
        return [name, 'ok'] as const;
      }),
    );
    return { status: 'ok', services: Object.fromEntries(entries) };
  }
}
