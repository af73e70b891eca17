import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** One request the receiver got, with what verifying it found. */
export interface ReceivedDelivery {
  id: string;
  timestamp: number;
  body: string;
  /** The parsed body when the signature verified with the receiver's current secret, else null. */
  verified: { type: string; timestamp: string; data: Record<string, unknown> } | null;
  headers: IncomingHttpHeaders;
  /** The status the receiver answered. */
  answered: number;
}

/**
 * A shop's webhook receiver on loopback, as the docs tell a shop to write one: every request is verified with
 * the `standardwebhooks` package against the secret it was given. `answer` decides each status (200 unless
 * told otherwise); every request is recorded, verified or not.
 */
export class WebhookReceiver {
  readonly received: ReceivedDelivery[] = [];
  secret?: string;
  answer: (delivery: ReceivedDelivery) => number = () => 200;
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const delivery: ReceivedDelivery = {
          id: String(request.headers['webhook-id']),
          timestamp: Number(request.headers['webhook-timestamp']),
          body,
          verified: this.verify(body, request.headers),
          headers: request.headers,
          answered: 0,
        };
        delivery.answered = delivery.verified ? this.answer(delivery) : 401;
        this.received.push(delivery);
        response.writeHead(delivery.answered).end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this.url;
  }

  get url(): string {
    const { port } = this.server?.address() as AddressInfo;
    return `http://127.0.0.1:${port}/hooks`;
  }

  /** The verified deliveries this receiver accepted (answered 2xx), in arrival order. */
  get accepted(): ReceivedDelivery[] {
    return this.received.filter((delivery) => delivery.verified && delivery.answered < 300);
  }

  ofType(type: string): ReceivedDelivery[] {
    return this.accepted.filter((delivery) => delivery.verified?.type === type);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private verify(body: string, headers: IncomingHttpHeaders): ReceivedDelivery['verified'] {
    if (!this.secret) {
      return null;
    }
    try {
      return new Webhook(this.secret).verify(body, {
        'webhook-id': String(headers['webhook-id']),
        'webhook-timestamp': String(headers['webhook-timestamp']),
        'webhook-signature': String(headers['webhook-signature']),
      }) as ReceivedDelivery['verified'];
    } catch {
      return null;
    }
  }
}
