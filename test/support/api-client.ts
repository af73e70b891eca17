/** A small HTTP client for system tests: every call returns the status and the parsed JSON body. */
export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

type Query = Record<string, string | number | boolean>;

/**
 * Sends `credential` (an API key or a user token) as `Authorization: Bearer` on every call, unless the call
 * names its own `Authorization` or `X-API-Key` header. `as()` gives a client with another credential, or none.
 */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly credential?: string,
  ) {}

  as(credential: string | undefined): ApiClient {
    return new ApiClient(this.baseUrl, credential);
  }

  get<T = any>(path: string, query?: Query, headers?: Record<string, string>): Promise<ApiResponse<T>> {
    return this.call<T>('GET', path, { query, headers });
  }

  post<T = any>(path: string, query?: Query, init: { body?: unknown; headers?: Record<string, string> } = {}) {
    return this.call<T>('POST', path, { query, ...init });
  }

  patch<T = any>(path: string, headers?: Record<string, string>): Promise<ApiResponse<T>> {
    return this.call<T>('PATCH', path, { headers });
  }

  async call<T>(
    method: string,
    path: string,
    { query, body, headers }: { query?: Query; body?: unknown; headers?: Record<string, string> },
  ): Promise<ApiResponse<T>> {
    const url = new URL(path, this.baseUrl);
    for (const [key, value] of Object.entries(query ?? {})) {
      url.searchParams.set(key, String(value));
    }
    const response = await fetch(url, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...this.credentialHeader(headers),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T, headers: response.headers };
  }

  private credentialHeader(headers: Record<string, string> = {}): Record<string, string> {
    const own = Object.keys(headers).some((name) => ['authorization', 'x-api-key'].includes(name.toLowerCase()));
    return this.credential === undefined || own ? {} : { authorization: `Bearer ${this.credential}` };
  }

  /** Creates a user and returns its id. */
  async createUser(name: string): Promise<number> {
    const response = await this.post<{ user_id: number }>('/user', { name });
    if (response.status !== 201) {
      throw new Error(`createUser: ${response.status} ${JSON.stringify(response.body)}`);
    }
    return response.body.user_id;
  }

  /** Refers `userId` under `referrerId`, failing loudly if refused. */
  async refer(referrerId: number, userId: number): Promise<void> {
    const response = await this.post('/refer', { referrer_id: referrerId, user_id: userId });
    if (response.status !== 200) {
      throw new Error(`refer: ${response.status} ${JSON.stringify(response.body)}`);
    }
  }
}
