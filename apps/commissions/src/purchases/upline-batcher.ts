import { Injectable } from '@nestjs/common';
import { MAX_UPLINES_PER_REQUEST, RequestSubject, userNotFound, type Upline } from '@app/contracts';
import { requestContext, ServiceClient, type RequestContext } from '@app/platform';

/** Requests to referrals at once; the purchases arriving meanwhile wait and go together in the next one. */
const MAX_IN_FLIGHT = 2;

interface Waiting {
  userId: number;
  /** The purchase's request: its id is logged along, its deadline bounds the lookup. */
  context: RequestContext | undefined;
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
      this.waiting.push({ userId, context: requestContext.getStore(), resolve, reject });
      this.send(levels);
    });
  }

  private send(levels: number): void {
    while (this.inFlight < MAX_IN_FLIGHT && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, MAX_UPLINES_PER_REQUEST);
      this.inFlight += 1;
      // One request serves the whole batch; it carries the request id and deadline of the batch's first (oldest)
      // purchase, whatever context it happens to be sent from.
      const ask = () =>
        this.services.request(RequestSubject.GetUplines, { userIds: batch.map((entry) => entry.userId), levels });
      const [{ context }] = batch;
      void (context ? requestContext.run(context, ask) : requestContext.exit(ask))
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
