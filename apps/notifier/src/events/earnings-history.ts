import { Injectable } from '@nestjs/common';
import { RequestSubject } from '@app/contracts';
import { ServiceClient } from '@app/platform';
import { creditEvent, type SseEvent } from './sse.format';

/** Credits per request to the commissions history. */
export const REPLAY_PAGE_SIZE = 500;

/** A user's past credits from the commissions service, for a client that reconnects with Last-Event-ID. */
@Injectable()
export class EarningsHistory {
  constructor(private readonly services: ServiceClient) {}

  /** The credits after `afterEarningId`, oldest first, one page at a time. */
  async *since(userId: number, afterEarningId: number): AsyncGenerator<SseEvent[]> {
    let after = afterEarningId;
    for (;;) {
      const page = await this.services.request(RequestSubject.GetEarningsSince, {
        userId,
        afterEarningId: after,
        limit: REPLAY_PAGE_SIZE,
      });
      if (page.length > 0) {
        yield page.map(creditEvent);
      }
      const last = page.at(-1)?.earningId;
      // A short page is the last; an id that does not advance would loop forever, so it ends the replay too.
      if (page.length < REPLAY_PAGE_SIZE || last === undefined || last <= after) {
        return;
      }
      after = last;
    }
  }
}
