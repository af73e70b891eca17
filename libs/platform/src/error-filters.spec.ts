import { Logger, type ArgumentsHost } from '@nestjs/common';
import { DomainError, ErrorCode } from '@app/contracts';
import { headers } from 'nats';
import { lastValueFrom } from 'rxjs';
import { ErrorResponseFilter } from './error-response.filter';
import { RpcErrorFilter } from './rpc-error.filter';

describe('error filters', () => {
  it('answers an unexpected HTTP error with a bare 500 and logs it with the request id', () => {
    const filter = new ErrorResponseFilter();
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const reply = { status: jest.fn().mockReturnThis(), send: jest.fn() };
    const host = {
      switchToHttp: () => ({ getRequest: () => ({ id: 'req-7' }), getResponse: () => reply }),
    } as unknown as ArgumentsHost;
    filter.catch(new Error('database on fire'), host);
    expect(reply.status).toHaveBeenCalledWith(500);
    expect(reply.send).toHaveBeenCalledWith({
      statusCode: 500,
      code: ErrorCode.Internal,
      message: 'Internal server error',
    });
    expect(logged).toHaveBeenCalledWith(
      expect.objectContaining({ requestId: 'req-7', msg: expect.stringContaining('database on fire') }),
    );
    logged.mockRestore();
  });

  it('sends an unexpected NATS handler error as INTERNAL and logs it with the request id of its headers', async () => {
    const filter = new RpcErrorFilter();
    const logged = jest.spyOn(filter['logger'], 'error').mockImplementation(() => undefined);
    const natsHeaders = headers();
    natsHeaders.set('x-request-id', 'req-8');
    const host = {
      switchToRpc: () => ({ getContext: () => ({ getHeaders: () => natsHeaders }) }),
    } as unknown as ArgumentsHost;
    await expect(lastValueFrom(filter.catch(new Error('boom'), host))).rejects.toEqual({
      code: ErrorCode.Internal,
      message: 'Internal error',
    });
    expect(logged).toHaveBeenCalledWith(expect.objectContaining({ requestId: 'req-8' }));
    await expect(
      lastValueFrom(filter.catch(new DomainError(ErrorCode.UserNotFound, 'no such user'), host)),
    ).rejects.toEqual({ code: ErrorCode.UserNotFound, message: 'no such user' });
    expect(logged).toHaveBeenCalledTimes(1);
  });
});
