import { DomainError } from '@app/contracts';
import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { SignedHeaders } from './signing';
import type { ResolvedAddress, UrlPolicy } from './url-policy';

export interface TryResult {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** A `lookup` that answers with the address the policy checked, so the socket goes nowhere else. */
function fixedLookup({ address, family }: ResolvedAddress): LookupFunction {
  return ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) {
      callback(null, [{ address, family }]);
    } else {
      callback(null, address, family);
    }
  }) as LookupFunction;
}

const ERROR_MAX_LENGTH = 300;

/**
 * Sends one signed try over HTTP(S). The URL is checked against the SSRF rules right before the try and the
 * connection made to the address checked. Redirects are not followed (a 3xx is a failure), the whole try is
 * bounded by the timeout, and the response body is read and dropped. Keep-alive sockets are reused: each was
 * opened to a checked address.
 */
export class WebhookSender {
  private readonly httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 64 });
  private readonly httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 64 });

  constructor(
    private readonly policy: UrlPolicy,
    private readonly timeoutMs: number,
  ) {}

  async send(url: string, signed: SignedHeaders, body: string): Promise<TryResult> {
    const started = Date.now();
    const result = (ok: boolean, statusCode: number | null, error: string | null): TryResult => ({
      ok,
      statusCode,
      error: error && error.slice(0, ERROR_MAX_LENGTH),
      durationMs: Date.now() - started,
    });
    let target;
    try {
      target = await this.policy.check(url);
    } catch (error) {
      return result(false, null, error instanceof DomainError ? error.message : String(error));
    }
    const https = target.url.protocol === 'https:';
    const signal = AbortSignal.timeout(this.timeoutMs);
    try {
      const statusCode = await new Promise<number>((resolve, reject) => {
        const request: ClientRequest = (https ? httpsRequest : httpRequest)(target.url, {
          method: 'POST',
          agent: https ? this.httpsAgent : this.httpAgent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'user-agent': 'referral-platform-webhooks/1',
            ...signed,
          },
          ...(target.address ? { lookup: fixedLookup(target.address) } : {}),
          signal,
        });
        request.on('response', (response: IncomingMessage) => {
          response.on('error', reject);
          response.on('end', () => resolve(response.statusCode ?? 0));
          response.resume();
        });
        request.on('error', reject);
        request.end(body);
      });
      const ok = statusCode >= 200 && statusCode < 300;
      return result(ok, statusCode, ok ? null : `HTTP ${statusCode}`);
    } catch (error) {
      return result(false, null, signal.aborted ? `no answer within ${this.timeoutMs} ms` : describe(error));
    }
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}
