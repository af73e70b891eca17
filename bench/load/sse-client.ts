import { authHeaders } from './credentials';
import { Agent, get, type ClientRequest, type IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';

/** One event as the SPEC sends it (`data:` JSON), with the time it was parsed here. */
export interface ReceivedEvent {
  id?: string;
  data: { purchase_id?: number; amount?: number; level?: number; source_user_id?: number };
  at: number;
}

/** Streams are long-lived and many: no pooling limit, no keep-alive reuse. */
const streamAgent = new Agent({ keepAlive: false, maxSockets: Infinity });

/** Thrown when the server answers, but not with an event stream (404 when the route does not exist). */
export class NotAStreamError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`GET /events answered ${status}: ${body.slice(0, 200)}`);
  }
}

/**
 * A minimal SSE client: opens `GET url`, resolves once the response headers say `text/event-stream`, and
 * calls `onEvent` for every event that carries data. Comment lines (keep-alives) are skipped.
 */
export class SseStream {
  private request?: ClientRequest;
  private response?: IncomingMessage;
  private buffer = '';

  constructor(
    private readonly url: string,
    private readonly onEvent: (event: ReceivedEvent) => void,
  ) {}

  open(timeoutMs = 10_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.close();
        reject(new Error(`no answer from ${this.url} within ${timeoutMs} ms`));
      }, timeoutMs);
      const req = get(
        this.url,
        { agent: streamAgent, headers: { accept: 'text/event-stream', ...authHeaders() } },
        (res) => {
          clearTimeout(timer);
          const type = String(res.headers['content-type'] ?? '');
          if (res.statusCode !== 200 || !type.startsWith('text/event-stream')) {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => (body += chunk));
            res.on('end', () => reject(new NotAStreamError(res.statusCode ?? 0, body)));
            return;
          }
          this.response = res;
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => this.consume(chunk));
          res.on('error', () => undefined);
          resolve();
        },
      );
      req.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      this.request = req;
    });
  }

  close(): void {
    this.response?.destroy();
    this.request?.destroy();
  }

  private consume(chunk: string): void {
    const at = performance.now();
    this.buffer += chunk.replace(/\r\n?/g, '\n');
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      let id: string | undefined;
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('data:')) {
          data.push(line.slice(5).replace(/^ /, ''));
        } else if (line.startsWith('id:')) {
          id = line.slice(3).trim();
        }
      }
      if (data.length > 0) {
        this.onEvent({ id, data: JSON.parse(data.join('\n')) as ReceivedEvent['data'], at });
      }
    }
  }
}
