import { createParser, type EventSourceMessage } from 'eventsource-parser';

/** An event as a client sees it. */
export interface SseMessage {
  id: string | undefined;
  data: string;
}

/**
 * A Server-Sent Events client for tests: fetch() reads the stream and eventsource-parser splits it as a browser
 * would. Unlike EventSource it shows the status, the headers, the comment lines and the end of the stream,
 * and it never reconnects by itself: a test reconnects with `Last-Event-ID` as EventSource would.
 */
export class SseStream {
  readonly events: SseMessage[] = [];
  readonly comments: string[] = [];
  /** Settles when the server ends the stream or the client closes it. */
  readonly ended: Promise<void>;
  private hasEnded = false;
  private errorText = '';
  private readonly listeners = new Set<() => void>();

  private constructor(
    readonly response: Response,
    private readonly abort: AbortController,
  ) {
    this.ended = this.read().finally(() => {
      this.hasEnded = true;
      this.notify();
    });
  }

  /** Opens a stream; resolves as soon as the response headers arrive (whatever the status). */
  static async open(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
    const abort = new AbortController();
    const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
    return new SseStream(response, abort);
  }

  get status(): number {
    return this.response.status;
  }

  get isOpen(): boolean {
    return !this.hasEnded;
  }

  /** The JSON error body of a refused stream. */
  async errorBody(): Promise<any> {
    await this.ended;
    return JSON.parse(this.errorText);
  }

  /** Waits until at least `count` events have arrived and returns them all. */
  async waitForEvents(count: number, timeoutMs = 15_000): Promise<SseMessage[]> {
    await this.waitUntil(() => this.events.length >= count, timeoutMs, `${count} events`);
    return this.events;
  }

  /** Waits until a comment line with this text has arrived. */
  async waitForComment(text: string, timeoutMs = 15_000): Promise<void> {
    await this.waitUntil(() => this.comments.includes(text), timeoutMs, `the comment "${text}"`);
  }

  /** Waits until the server has ended the stream. */
  async waitForEnd(timeoutMs = 15_000): Promise<void> {
    await this.waitUntil(() => this.hasEnded, timeoutMs, 'the end of the stream');
  }

  /** Closes the stream from the client's side, as a browser tab that goes away. */
  close(): Promise<void> {
    this.abort.abort();
    return this.ended;
  }

  private async read(): Promise<void> {
    const parser = createParser({
      onEvent: (event: EventSourceMessage) => this.events.push({ id: event.id, data: event.data }),
      onComment: (comment) => this.comments.push(comment.trim()),
    });
    const decoder = new TextDecoder();
    const isStream = this.response.headers.get('content-type')?.startsWith('text/event-stream') ?? false;
    try {
      for await (const chunk of this.response.body ?? []) {
        const text = decoder.decode(chunk as Uint8Array, { stream: true });
        if (isStream) {
          parser.feed(text);
        } else {
          this.errorText += text;
        }
        this.notify();
      }
    } catch {
      // Aborted by close(), or the connection was cut: either way the stream has ended.
    }
  }

  private notify(): void {
    this.listeners.forEach((listener) => listener());
  }

  private waitUntil(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
    if (done()) {
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (done()) {
          clearTimeout(timer);
          this.listeners.delete(check);
          resolve();
        }
      };
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(
          new Error(`Waited ${timeoutMs} ms for ${what}; got ${this.events.length} events, ended: ${this.hasEnded}`),
        );
      }, timeoutMs);
      this.listeners.add(check);
    });
  }
}
