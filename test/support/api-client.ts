/** A small HTTP client for system tests: every call returns the status and the parsed JSON body. */
export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

type Query = Record<string, string | number | boolean>;

export class ApiClient {
  constructor(readonly baseUrl: string) {}

  get<T = any>(path: string, query?: Query, headers?: Record<string, string>): Promise<ApiResponse<T>> {
    return this.call<T>('GET', path, { query, headers });
  }

  post<T = any>(path: string, query?: Query, init: { body?: unknown; headers?: Record<string, string> } = {}) {
    return this.call<T>('POST', path, { query, ...init });
  }

  patch<T = any>(path: string): Promise<ApiResponse<T>> {
    return this.call<T>('PATCH', path, {});
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
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T, headers: response.headers };
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
