import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UrlPolicy, type Resolver } from './url-policy';
import { WebhookSender } from './webhook-sender';

const signed = { 'webhook-id': 'msg_1', 'webhook-timestamp': '1', 'webhook-signature': 'v1,x' };

describe(WebhookSender.name, () => {
  let server: Server;
  let port: number;
  let status = 200;
  const seen: IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      seen.push(request.headers);
      request.resume();
      request.on('end', () => response.writeHead(status).end('ignored body'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => {
    seen.length = 0;
    status = 200;
  });

  it('refuses a loopback URL at the moment of delivery when private addresses are not allowed: nothing is sent', async () => {
    const sender = new WebhookSender(new UrlPolicy(false), 2_000);
    const result = await sender.send(`http://127.0.0.1:${port}/hooks`, signed, '{}');
    sender.close();
    expect(result).toMatchObject({ ok: false, statusCode: null });
    expect(result.error).toContain('not allowed');
    expect(seen).toHaveLength(0);
  });

  it('connects to the address the policy checked, not to what the system resolver would say', async () => {
    // A name that no real resolver knows; the stub answers with loopback, which the test lets pass as "public".
    const resolver: Resolver = (hostname) =>
      hostname === 'receiver.invalid'
        ? Promise.resolve([{ address: '127.0.0.1', family: 4 }])
        : Promise.reject(new Error('unknown'));
    const sender = new WebhookSender(new UrlPolicy(false, resolver, () => true), 2_000);
    const result = await sender.send(`http://receiver.invalid:${port}/hooks`, signed, '{"a":1}');
    sender.close();
    expect(result).toMatchObject({ ok: true, statusCode: 200, error: null });
    expect(seen[0]).toMatchObject({
      host: `receiver.invalid:${port}`,
      'content-type': 'application/json',
      'webhook-id': 'msg_1',
      'webhook-signature': 'v1,x',
    });
  });

  it('counts anything but a 2xx as a failure, redirects included, and names it', async () => {
    const sender = new WebhookSender(new UrlPolicy(true), 2_000);
    for (const [answer, error] of [
      [500, 'HTTP 500'],
      [302, 'HTTP 302'],
      [204, null],
    ] as const) {
      status = answer;
      const result = await sender.send(`http://127.0.0.1:${port}/hooks`, signed, '{}');
      expect(result).toMatchObject({ ok: error === null, statusCode: answer, error });
    }
    sender.close();
  });

  it('gives up on a receiver that does not answer within the timeout', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const sender = new WebhookSender(new UrlPolicy(true), 200);
    const result = await sender.send(`http://127.0.0.1:${(silent.address() as AddressInfo).port}/`, signed, '{}');
    sender.close();
    silent.closeAllConnections();
    await new Promise((resolve) => silent.close(resolve));
    expect(result).toMatchObject({ ok: false, statusCode: null, error: 'no answer within 200 ms' });
    expect(result.durationMs).toBeGreaterThanOrEqual(190);
  });
});
