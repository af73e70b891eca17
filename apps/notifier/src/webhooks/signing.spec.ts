import { Webhook } from 'standardwebhooks';
import { newSigningSecret, signDelivery } from './signing';

describe(signDelivery.name, () => {
  const body = JSON.stringify({ type: 'commission.credited', timestamp: '2026-12-01T12:00:00.000Z', data: { a: 1 } });

  it('is verified by the standardwebhooks package', () => {
    const secret = newSigningSecret();
    const headers = signDelivery(secret, 'msg_1', Math.floor(Date.now() / 1000), body);
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
  });

  it('fails verification with another secret or a changed body', () => {
    const headers = signDelivery(newSigningSecret(), 'msg_1', Math.floor(Date.now() / 1000), body);
    expect(() => new Webhook(newSigningSecret()).verify(body, { ...headers })).toThrow();
    const secret = newSigningSecret();
    const signed = signDelivery(secret, 'msg_1', Math.floor(Date.now() / 1000), body);
    expect(() => new Webhook(secret).verify(body.replace('1', '2'), { ...signed })).toThrow();
  });

  it('matches the Standard Webhooks reference vector', () => {
    // From the specification's reference implementations.
    const headers = signDelivery(
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      'msg_p5jXN8AQM9LWM0D4loKWxJek',
      1614265330,
      '{"test": 2432232314}',
    );
    expect(headers['webhook-signature']).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('makes secrets of 32 random bytes', () => {
    const secret = newSigningSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(newSigningSecret()).not.toBe(secret);
  });
});
