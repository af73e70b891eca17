import { Injectable, Logger } from '@nestjs/common';
import type { SseEvent } from './sse.format';

export type CreditListener = (event: SseEvent) => void;

/**
 * In-process fan-out: every credit this instance reads from JetStream goes to every open stream of its user.
 * Listeners must not block: each one only writes to, or queues on, its own connection.
 */
@Injectable()
export class CreditHub {
  private readonly logger = new Logger(CreditHub.name);
  private readonly listenersByUser = new Map<number, Set<CreditListener>>();
  private count = 0;

  /** Adds a listener for one user's credits; the returned function removes it (calling it twice is harmless). */
  subscribe(userId: number, listener: CreditListener): () => void {
    let listeners = this.listenersByUser.get(userId);
    if (!listeners) {
      listeners = new Set();
      this.listenersByUser.set(userId, listeners);
    }
    // Wrapped so that one function subscribed twice counts, and unsubscribes, twice.
    const entry: CreditListener = (event) => listener(event);
    listeners.add(entry);
    this.count++;
    return () => {
      if (listeners.delete(entry)) {
        this.count--;
        if (listeners.size === 0 && this.listenersByUser.get(userId) === listeners) {
          this.listenersByUser.delete(userId);
        }
      }
    };
  }

  /** Whether any stream of this user is open here: a credit nobody listens to is not worth decoding. */
  isWatched(userId: number): boolean {
    return this.listenersByUser.has(userId);
  }

  publish(userId: number, event: SseEvent): void {
    for (const listener of this.listenersByUser.get(userId) ?? []) {
      try {
        listener(event);
      } catch (error) {
        // One broken connection must not keep the event from the others.
        this.logger.error(`listener failed for user ${userId}: ${String(error)}`);
      }
    }
  }

  /** Open subscriptions across all users: returns to zero when every stream has closed. */
  subscriptionCount(): number {
    return this.count;
  }
}
