import { createInbox, headers, type Msg, type NatsConnection, type NatsError, type Subscription } from 'nats';

/** A message for a JetStream stream, with the id under which the stream drops a second copy. */
export interface StreamMessage {
  subject: string;
  data: string;
  messageId: string;
}

interface PendingBatch {
  /** Acknowledgements still awaited, by the reply subject's sequence number. */
  awaited: Set<number>;
  expiresAt: number;
  resolve(): void;
  reject(error: Error): void;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Publishes to JetStream and waits for the streams' acknowledgements, a batch at a time.
 *
 * `JetStreamClient.publish` makes each message a request of its own: a reply subscription entry, a timer, an
 * error object made in advance and a promise, which cost three times the publish itself (46 µs against 15 µs
 * of CPU a message on this machine). Here every message is a plain publish whose reply subject is one of ours
 * (`<inbox>.<n>`, one wildcard subscription for all), and a batch settles once each of its messages is
 * acknowledged, or fails on the first refusal (no stream, a stream error) or when the timeout passes.
 * A failed batch may still have been stored in part: callers publish again, and the message ids make the
 * stream drop what it already has.
 */
export class JetStreamPublisher {
  private readonly prefix = `${createInbox()}.`;
  private readonly subscription: Subscription;
  private readonly pending = new Map<number, PendingBatch>();
  private readonly timer: NodeJS.Timeout;
  private sequence = 0;

  constructor(
    private readonly nats: NatsConnection,
    private readonly timeoutMs: number,
  ) {
    this.subscription = nats.subscribe(`${this.prefix}*`, {
      callback: (error, message) => this.acknowledged(error, message),
    });
    this.timer = setInterval(() => this.expire(Date.now()), Math.max(50, timeoutMs / 4));
    this.timer.unref();
  }

  /** Resolves once the streams hold every message (or already held it, by id). */
  publish(messages: readonly StreamMessage[]): Promise<void> {
    if (messages.length === 0) {
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const batch: PendingBatch = { awaited: new Set(), expiresAt: Date.now() + this.timeoutMs, resolve, reject };
      try {
        for (const message of messages) {
          const sequence = ++this.sequence;
          const header = headers();
          header.set('Nats-Msg-Id', message.messageId);
          batch.awaited.add(sequence);
          this.pending.set(sequence, batch);
          this.nats.publish(message.subject, encoder.encode(message.data), {
            headers: header,
            reply: `${this.prefix}${sequence}`,
          });
        }
      } catch (error) {
        this.fail(batch, error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  close(): void {
    clearInterval(this.timer);
    this.subscription.unsubscribe();
    this.expire(Infinity);
  }

  private acknowledged(error: NatsError | null, message: Msg): void {
    const sequence = Number(message.subject.slice(this.prefix.length));
    const batch = this.pending.get(sequence);
    if (!batch) {
      return; // late, after its batch failed or timed out
    }
    const refusal = error ?? refusalOf(message);
    if (refusal) {
      this.fail(batch, refusal);
      return;
    }
    this.pending.delete(sequence);
    batch.awaited.delete(sequence);
    if (batch.awaited.size === 0) {
      batch.resolve();
    }
  }

  private fail(batch: PendingBatch, error: Error): void {
    batch.awaited.forEach((sequence) => this.pending.delete(sequence));
    batch.awaited.clear();
    batch.reject(error);
  }

  private expire(now: number): void {
    for (const batch of new Set(this.pending.values())) {
      if (batch.expiresAt <= now) {
        this.fail(batch, new Error(`JetStream did not acknowledge within ${this.timeoutMs} ms`));
      }
    }
  }
}

/** Why a reply is not an acknowledgement: a status (503: no stream takes the subject) or the stream's error. */
function refusalOf(message: Msg): Error | null {
  if (message.headers?.hasError) {
    return new Error(`JetStream refused the message: ${message.headers.code} ${message.headers.description}`);
  }
  const text = decoder.decode(message.data);
  if (text.includes('"error"')) {
    const { error } = JSON.parse(text) as { error?: { description?: string } };
    if (error) {
      return new Error(`JetStream refused the message: ${error.description ?? text}`);
    }
  }
  return null;
}
