import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { RequestSubject } from '@app/contracts';
import { ServiceClient } from '@app/platform';
import type { FastifyReply } from 'fastify';
import { NotifierConfig } from '../config';
import { CreditHub } from './credit-hub';
import { EarningsHistory } from './earnings-history';
import { EventSeam } from './event-seam';
import { SseConnection } from './sse-connection';
import { KEEP_ALIVE_COMMENT, OPENING_COMMENT, SSE_HEADERS } from './sse.format';

/** Opens and tends each client's stream: the 404 check, headers, replay, live events, keep-alive, clean-up. */
@Injectable()
export class EventStreams implements BeforeApplicationShutdown {
  private readonly logger = new Logger(EventStreams.name);
  private readonly connections = new Set<SseConnection>();

  constructor(
    private readonly services: ServiceClient,
    private readonly hub: CreditHub,
    private readonly history: EarningsHistory,
    private readonly config: NotifierConfig,
  ) {}

  /**
   * Streams `userId`'s credits to one client. An unknown user is refused before any header is sent; then the
   * headers go out at once, followed by the credits after `lastEventId` (when given) and the live ones.
   */
  async open(userId: number, lastEventId: number | undefined, reply: FastifyReply): Promise<void> {
    await this.services.request(RequestSubject.GetUser, { userId });
    reply.hijack();
    reply.raw.writeHead(200, SSE_HEADERS);
    const connection = new SseConnection(reply.raw, this.config.SSE_MAX_BUFFERED_EVENTS);
    connection.comment(OPENING_COMMENT);

    // Subscribe before asking for the replay: a credit published meanwhile is held, not lost.
    const seam = new EventSeam(lastEventId);
    const unsubscribe = this.hub.subscribe(userId, (event) => {
      const now = seam.live(event);
      if (now) {
        connection.send(now.text);
      } else if (seam.heldCount > this.config.SSE_MAX_BUFFERED_EVENTS) {
        connection.abort();
      }
    });
    const keepAlive = setInterval(() => connection.comment(KEEP_ALIVE_COMMENT), this.config.KEEPALIVE_MS);
    this.connections.add(connection);
    connection.onClose(() => {
      unsubscribe();
      clearInterval(keepAlive);
      this.connections.delete(connection);
    });

    if (lastEventId !== undefined) {
      await this.replay(userId, lastEventId, connection, seam);
    }
  }

  /** Ends every stream so that the HTTP server can close; clients reconnect to another instance. */
  beforeApplicationShutdown(): void {
    for (const connection of this.connections) {
      connection.end();
    }
  }

  private async replay(userId: number, after: number, connection: SseConnection, seam: EventSeam): Promise<void> {
    try {
      for await (const page of this.history.since(userId, after)) {
        for (const event of page) {
          if (connection.isClosed) {
            return;
          }
          if (seam.replayed(event)) {
            connection.send(event.text);
            // Replayed events are fetched at the client's pace, never queued in memory.
            await connection.drained();
          }
        }
      }
      for (const event of seam.endReplay()) {
        connection.send(event.text);
      }
    } catch (error) {
      // Headers are out, so no error status is possible: end the stream and let the client retry the replay
      // from the same Last-Event-ID.
      this.logger.warn(`replay for user ${userId} failed; ending the stream: ${String(error)}`);
      connection.end();
    }
  }
}
