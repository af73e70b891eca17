import { Socket } from 'node:net';
import { DomainError, ErrorCode } from '@app/contracts';
import { isPublicAddress, UrlPolicy, type Resolver } from './url-policy';

/** A resolver stub: nothing here asks real DNS or connects anywhere. */
const stub =
  (answers: Record<string, string[]>): Resolver =>
  (hostname) =>
    hostname in answers
      ? Promise.resolve(answers[hostname].map((address) => ({ address, family: address.includes(':') ? 6 : 4 })))
      : Promise.reject(new Error('ENOTFOUND'));

async function refusal(policy: UrlPolicy, url: string): Promise<DomainError> {
  try {
    await policy.check(url);
  } catch (error) {
    if (error instanceof DomainError) {
      return error;
    }
    throw error;
  }
  throw new Error(`${url} was allowed`);
}

describe(isPublicAddress.name, () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.10.0.5', 'loopback'],
    ['::1', 'IPv6 loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local metadata'],
    ['fe80::1', 'IPv6 link-local'],
    ['fd00:ec2::254', 'IPv6 unique-local metadata'],
    ['100.64.0.1', 'CGNAT'],
    ['100.100.100.200', 'CGNAT metadata'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'IPv6 unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['224.0.0.1', 'multicast'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:10.0.0.1', 'IPv4-mapped private'],
    ['not-an-address', 'garbage'],
  ])('refuses %s (%s)', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['93.184.215.14', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:93.184.215.14'])(
    'allows the public address %s',
    (address) => {
      expect(isPublicAddress(address)).toBe(true);
    },
  );
});

describe(UrlPolicy.name, () => {
  const resolver = stub({
    'shop.example': ['93.184.215.14'],
    'both.example': ['93.184.215.14', '10.0.0.7'],
    'inside.example': ['192.168.0.10'],
    // A host that resolves to the cloud metadata address (link-local): refused by its address, never written as a URL.
    'metadata.example': ['169.254.169.254'],
    'v6.example': ['2606:4700::1111'],
    'empty.example': [],
  });
  const policy = new UrlPolicy(false, resolver);

  it('allows a public host and returns the address to connect to', async () => {
    const target = await policy.check('https://shop.example/hooks');
    expect(target.address).toEqual({ address: '93.184.215.14', family: 4 });
    expect(target.url.pathname).toBe('/hooks');
    expect((await policy.check('http://v6.example')).address?.family).toBe(6);
    expect((await policy.check('https://93.184.215.14/x')).address?.address).toBe('93.184.215.14');
  });

  it.each([
    'http://127.0.0.1:8080/hook',
    'http://localhost.example/hook',
    'http://[::1]/hook',
    'http://metadata.example/latest/meta-data',
    'http://inside.example/hook',
    'http://both.example/hook',
    'http://empty.example/hook',
    'ftp://shop.example/hook',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'https://user:pass@shop.example/hook',
    'not a url',
  ])('refuses %s with WEBHOOK.URL_NOT_ALLOWED', async (url) => {
    // The URLs are only classified: a refusal opens no socket to any of them, and the hosts resolve through the
    // stub above.
    const connect = jest.spyOn(Socket.prototype, 'connect');
    try {
      expect((await refusal(policy, url)).code).toBe(ErrorCode.WebhookUrlNotAllowed);
      expect(connect).not.toHaveBeenCalled();
    } finally {
      connect.mockRestore();
    }
  });

  it('says which address was refused', async () => {
    expect((await refusal(policy, 'http://both.example')).message).toContain('10.0.0.7');
  });

  it('allows private hosts when told to, without resolving, but still only http(s)', async () => {
    const open = new UrlPolicy(true, () => Promise.reject(new Error('must not resolve')));
    expect((await open.check('http://127.0.0.1:9/hook')).address).toBeNull();
    expect((await refusal(open, 'ftp://127.0.0.1/')).code).toBe(ErrorCode.WebhookUrlNotAllowed);
  });
});
