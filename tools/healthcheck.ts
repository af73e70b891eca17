import { RequestSubject } from '@app/contracts';
import { natsTransport, ServiceClient } from '@app/platform';
import { ClientProxyFactory } from '@nestjs/microservices';

/**
 * Container health check for the NATS-only services: `node dist/tools/healthcheck.js referrals` exits 0 when
 * the named service answers its health request over NATS within two seconds.
 */
const HEALTH_SUBJECT: Record<string, RequestSubject> = {
  referrals: RequestSubject.ReferralsHealth,
  commissions: RequestSubject.CommissionsHealth,
  notifier: RequestSubject.NotifierHealth,
};

async function check(service: string): Promise<void> {
  const subject = HEALTH_SUBJECT[service];
  if (!subject) {
    throw new Error(`Unknown service "${service}"; expected one of ${Object.keys(HEALTH_SUBJECT).join(', ')}`);
  }
  const proxy = ClientProxyFactory.create(natsTransport(process.env.NATS_URL ?? 'nats://127.0.0.1:4222'));
  try {
    await new ServiceClient(proxy, 2_000).request(subject, {});
  } finally {
    await proxy.close();
  }
}

check(process.argv[2] ?? '').then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
