import type { Writable } from 'node:stream';

/**
 * Writes one client's stream without letting a slow reader hold memory without bound or slow anyone else.
 *
 * Writes go straight to the socket while it keeps up. Once the socket's buffer is full (`write` returns
 * false) further events wait here, at most `maxQueued` of them; one more and the client is disconnected: it
 * will reconnect with Last-Event-ID and catch up from the commissions history instead of from memory.
 */
export class SseConnection {
  private readonly queue: string[] = [];
  private congested = false;
  private closed = false;
  private readonly drainWaiters: (() => void)[] = [];
  private readonly closeListeners: (() => void)[] = [];

  constructor(
    private readonly sink: Writable,
    private readonly maxQueued: number,
  ) {
    sink.on('drain', () => this.flush());
    sink.on('close', () => this.markClosed());
    // A write to a socket that has just gone away errors; the close that follows does the clean-up.
    sink.on('error', () => this.abort());
    if (sink.destroyed) {
      this.markClosed();
    }
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** How many events wait for the client to read. */
  get queued(): number {
    return this.queue.length;
  }

  /** Sends an event now, or queues it while the client catches up; a client too far behind is dropped. */
  send(text: string): void {
    if (this.closed) {
      return;
    }
    if (!this.congested) {
      this.congested = !this.sink.write(text);
    } else if (this.queue.length < this.maxQueued) {
      this.queue.push(text);
    } else {
      this.abort();
    }
  }

  /** A comment line; skipped while the client is behind, since queued data keeps the connection busy anyway. */
  comment(text: string): void {
    if (!this.closed && !this.congested) {
      this.congested = !this.sink.write(text);
    }
  }

  /** Resolves once the client has taken what was written (at once if it is keeping up) or has gone. */
  drained(): Promise<void> {
    if (this.closed || !this.congested) {
      return Promise.resolve();
    }
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  /** Runs `listener` once when the connection closes, for whatever reason; at once if it already has. */
  onClose(listener: () => void): void {
    if (this.closed) {
      listener();
    } else {
      this.closeListeners.push(listener);
    }
  }

  /** Ends the stream cleanly; the client may reconnect. */
  end(): void {
    if (!this.closed) {
      this.sink.end();
      this.markClosed();
    }
  }

  /** Drops the connection at once, discarding whatever is still buffered. */
  abort(): void {
    this.sink.destroy();
    this.markClosed();
  }

  private flush(): void {
    this.congested = false;
    while (this.queue.length > 0 && !this.congested) {
      this.congested = !this.sink.write(this.queue.shift());
    }
    if (!this.congested) {
      this.drainWaiters.splice(0).forEach((resolve) => resolve());
    }
  }

  private markClosed(): void {
    if (this.closed) {
      return;
    }
    this.closed = true;
    this.queue.length = 0;
    this.drainWaiters.splice(0).forEach((resolve) => resolve());
    this.closeListeners.splice(0).forEach((listener) => listener());
  }
}
