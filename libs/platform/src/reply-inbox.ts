import { createInbox, type Msg, type MsgHdrs, type NatsConnection, type Subscription } from 'nats';

/** Why a request got no answer: nobody listens on its subject, or nobody answered in time. */
export class NoAnswer extends Error {
  constructor(readonly timedOut: boolean) {
    super(timedOut ? 'no answer in time' : 'no responders');
  }
}

interface Pending {
  resolve(message: Msg): void;
  reject(error: NoAnswer): void;
  timer: NodeJS.Timeout;
}

/**
 * Requests over one connection, their answers sorted out of one inbox subscription (`<inbox>.<token>`).
 *
 * The NATS client's own request does the same, but settles each request through a race of two promises and
 * then rejects its already settled promise with a fresh `NatsError` ("cancelled"): an Error and its stack for
 * every request answered (3–5% of the gateway, `npm run bench -- --profile`). Here an answer resolves one
 * promise and clears one timer.
 *
 * The subscription is the connection's: the client renews it after a reconnect, so an inbox outlives broker
 * restarts. A request whose answer was lost in one times out; one waiting when the connection closes fails then.
 */
export class ReplyInbox {
  private readonly prefix = createInbox();
  private readonly pending = new Map<string, Pending>();
  private readonly subscription: Subscription;
  private lastToken = 0;

  constructor(private readonly nats: NatsConnection) {
    this.subscription = nats.subscribe(`${this.prefix}.*`, {
      callback: (error, message) => {
        if (!error) {
          this.settle(message);
        }
      },
    });
    // A closed connection answers nothing more: those waiting hear so now, not at their timeouts.
    void this.subscription.closed.then(() => {
      for (const token of [...this.pending.keys()]) {
        this.fail(token, new NoAnswer(false));
      }
    });
  }

  /** Publishes `data` to `subject` and resolves with the first answer, or rejects with NoAnswer. */
  request(subject: string, data: Uint8Array, timeoutMs: number, headers?: MsgHdrs): Promise<Msg> {
    const token = String(++this.lastToken);
    return new Promise<Msg>((resolve, reject) => {
      const timer = setTimeout(() => this.fail(token, new NoAnswer(true)), timeoutMs);
      this.pending.set(token, { resolve, reject, timer });
      try {
        this.nats.publish(subject, data, { reply: `${this.prefix}.${token}`, headers });
      } catch {
        // A closed or draining connection: the same as nobody there.
        this.fail(token, new NoAnswer(false));
      }
    });
  }

  /** Stops listening; requests still waiting fail as unanswered. */
  close(): void {
    this.subscription.unsubscribe();
  }

  private settle(message: Msg): void {
    const token = message.subject.slice(this.prefix.length + 1);
    const pending = this.pending.get(token);
    if (!pending) {
      return; // answered after its timeout, or a second answer
    }
    this.pending.delete(token);
    clearTimeout(pending.timer);
    // The broker's "no responders" status: an empty message with a 503 header.
    if (message.data.length === 0 && message.headers?.code === 503) {
      pending.reject(new NoAnswer(false));
    } else {
      pending.resolve(message);
    }
  }

  private fail(token: string, error: NoAnswer): void {
    const pending = this.pending.get(token);
    if (pending) {
      this.pending.delete(token);
      clearTimeout(pending.timer);
      pending.reject(error);
    }
  }
}
