import { Injectable } from '@nestjs/common';
import { MAX_UPLINES_PER_REQUEST, RequestSubject, userNotFound, type Upline } from '@app/contracts';
import { outsideRequests, ServiceClient } from '@app/platform';

/** Requests to referrals at once; the purchases arriving meanwhile wait and go together in the next one. */
const MAX_IN_FLIGHT = 2;

interface Waiting {
  userId: number;
  resolve(upline: Upline): void;
  reject(error: unknown): void;
}

/**
 * Asks referrals for buyers' uplines, grouping the purchases that arrive together into one request: while
 * `MAX_IN_FLIGHT` requests are out, new lookups queue, and the next request carries all of them (up to 256).
 * An idle service sends each lookup at once, so batching adds no wait; under load one NATS round trip and one
 * dispatch in referrals serve a whole group. Every lookup is still made after its purchase arrived, so a
 * deactivation that was answered before a purchase was sent applies to it.
 */
@Injectable()
export class UplineBatcher {
  private readonly waiting: Waiting[] = [];
  private inFlight = 0;

  constructor(private readonly services: ServiceClient) {}

  /** The buyer and `levels` users above them; USER.NOT_FOUND for an unknown buyer. */
  upline(userId: number, levels: number): Promise<Upline> {
    return new Promise<Upline>((resolve, reject) => {
      this.waiting.push({ userId, resolve, reject });
      this.send(levels);
    });
  }

  private send(levels: number): void {
    while (this.inFlight < MAX_IN_FLIGHT && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, MAX_UPLINES_PER_REQUEST);
      this.inFlight += 1;
      // The request serves every purchase of the batch, not the one whose context it happens to start in.
      void outsideRequests(() =>
        this.services.request(RequestSubject.GetUplines, { userIds: batch.map((entry) => entry.userId), levels }),
      )
        .then(
          ({ uplines }) =>
            batch.forEach((entry, index) => {
              const upline = uplines[index];
              if (upline) {
                entry.resolve(upline);
              } else {
                entry.reject(userNotFound(entry.userId));
              }
            }),
          (error: unknown) => batch.forEach((entry) => entry.reject(error)),
        )
        .finally(() => {
          this.inFlight -= 1;
          this.send(levels);
        });
    }
  }
}
