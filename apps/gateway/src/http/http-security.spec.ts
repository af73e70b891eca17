import helmet from 'helmet';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { helmetHeaders } from './http-security';
import { securityHeaders } from './security-headers';

describe(helmetHeaders.name, () => {
  it('works out, once, the very headers helmet sets on a response', () => {
    const request = new IncomingMessage(new Socket());
    const response = new ServerResponse(request);
    let done = false;
    helmet(securityHeaders)(request, response, () => (done = true));
    expect(done).toBe(true);

    const once = helmetHeaders(securityHeaders);
    expect(Object.fromEntries(once.map(([name, value]) => [name.toLowerCase(), value]))).toEqual(response.getHeaders());
    expect(once).toContainEqual(['Referrer-Policy', 'no-referrer']);
    expect(once.find(([name]) => name === 'Content-Security-Policy')?.[1]).toContain("frame-ancestors 'none'");
  });
});
