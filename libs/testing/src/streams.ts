import { EARNINGS_STREAM } from '@app/contracts';
import { ensureStream } from '@app/platform';
import type { JetStreamManager } from 'nats';

/** Brings back the earnings stream, as a service does when it starts, for tests that delete it. */
export const ensureEarningsStream = (manager: JetStreamManager): Promise<void> =>
  ensureStream(manager, EARNINGS_STREAM);
