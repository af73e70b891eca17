import { Writable } from 'node:stream';
import { createPino, PinoNestLogger, withoutRedaction, type LogLevelName } from './logging';
import { requestContext } from './request-context';

/** A logger that writes into an array, and the lines it wrote, parsed. */
function capture(level: LogLevelName = 'info'): { logger: PinoNestLogger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: new PinoNestLogger(createPino('test-service', level, sink)), lines };
}

describe(PinoNestLogger.name, () => {
  it('writes one JSON object per message with the service, the level as a word, the context and an ISO time', () => {
    const { logger, lines } = capture();
    logger.log('started', 'Bootstrap');
    expect(lines).toEqual([
      expect.objectContaining({ service: 'test-service', level: 'info', context: 'Bootstrap', msg: 'started' }),
    ]);
    expect(lines[0].time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('adds the request id of the request being handled', () => {
    const { logger, lines } = capture();
    requestContext.run({ requestId: 'req-42' }, () => logger.warn('slow', 'Purchases'));
    logger.warn('outside');
    expect(lines[0]).toMatchObject({ requestId: 'req-42', level: 'warn' });
    expect(lines[1].requestId).toBeUndefined();
  });

  it('keeps fields of an object message, and a stack given before the context', () => {
    const { logger, lines } = capture();
    logger.log({ msg: 'handled', subject: 'commissions.purchase.record', durationMs: 3 }, 'Rpc');
    logger.error('failed', 'Error: boom\n    at here', 'Filter');
    expect(lines[0]).toMatchObject({ msg: 'handled', subject: 'commissions.purchase.record', durationMs: 3 });
    expect(lines[1]).toMatchObject({ msg: 'failed', stack: 'Error: boom\n    at here', context: 'Filter' });
  });

  it('never writes credentials or bodies, whatever the caller passes', () => {
    const { logger, lines } = capture();
    logger.log({ msg: 'oops', token: 'secret-1', body: { name: 'x' }, headers: { authorization: 'Bearer s' } });
    const text = JSON.stringify(lines[0]);
    expect(text).not.toContain('secret-1');
    expect(text).not.toContain('Bearer s');
    expect(text).not.toContain('"name"');
  });

  it('writes the access line through a child without redaction, with the same service, level and request id', () => {
    const { logger, lines } = capture();
    const accessLog = withoutRedaction(logger.pino);
    requestContext.run({ requestId: 'req-7' }, () =>
      accessLog.info({ method: 'GET', route: '/leaderboard', statusCode: 200, token: 'kept' }, 'request completed'),
    );
    accessLog.debug({ route: '/health' }, 'request completed');
    expect(lines).toEqual([
      expect.objectContaining({
        service: 'test-service',
        level: 'info',
        requestId: 'req-7',
        method: 'GET',
        route: '/leaderboard',
        statusCode: 200,
        token: 'kept',
        msg: 'request completed',
      }),
    ]);
    logger.log({ msg: 'still redacted', token: 'secret-2' });
    expect(JSON.stringify(lines[1])).not.toContain('secret-2');
  });

  it('drops messages below the level', () => {
    const { logger, lines } = capture('warn');
    logger.log('chatty');
    logger.debug('chattier');
    logger.verbose('chattiest');
    logger.error('bad');
    expect(lines.map((line) => line.level)).toEqual(['error']);
  });
});
