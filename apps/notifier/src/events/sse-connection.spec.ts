import { Writable } from 'node:stream';
import { SseConnection } from './sse-connection';

/** A socket stand-in whose reader takes data only when the test says so. */
class SlowSocket extends Writable {
  readonly received: string[] = [];
  private pending: (() => void)[] = [];

  constructor(highWaterMark: number) {
    super({ highWaterMark, decodeStrings: false });
  }

  override _write(chunk: string, _encoding: BufferEncoding, done: () => void): void {
    this.received.push(chunk);
    this.pending.push(done);
  }

  /** The client reads everything written so far. */
  read(): void {
    this.pending.splice(0).forEach((done) => done());
  }
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe(SseConnection.name, () => {
  it('writes straight through while the client keeps up', async () => {
    const socket = new SlowSocket(1_000);
    const connection = new SseConnection(socket, 2);
    for (let i = 0; i < 5; i++) {
      connection.send(`e${i}`);
      socket.read();
      await tick();
    }
    expect(socket.received).toEqual(['e0', 'e1', 'e2', 'e3', 'e4']);
    expect(connection.queued).toBe(0);
  });

  it('queues while the socket is full and flushes in order once it drains', async () => {
    const socket = new SlowSocket(1);
    const connection = new SseConnection(socket, 10);
    ['a', 'b', 'c'].forEach((text) => connection.send(text));
    expect(socket.received).toEqual(['a']);
    expect(connection.queued).toBe(2);
    while (socket.received.length < 3) {
      socket.read();
      await tick();
    }
    expect(socket.received).toEqual(['a', 'b', 'c']);
    expect(connection.queued).toBe(0);
  });

  it('drops a client that falls more than the bound behind, and tells its listeners once', () => {
    const socket = new SlowSocket(1);
    const connection = new SseConnection(socket, 3);
    const closed = jest.fn();
    connection.onClose(closed);
    for (let i = 0; i < 4; i++) {
      connection.send(`e${i}`);
    }
    expect(connection.isClosed).toBe(false);
    connection.send('one too many');
    expect(connection.isClosed).toBe(true);
    expect(socket.destroyed).toBe(true);
    expect(closed).toHaveBeenCalledTimes(1);
    connection.send('after');
    expect(socket.received).toEqual(['e0']);
  });

  it('skips keep-alive comments while events wait, since they keep the connection busy', () => {
    const socket = new SlowSocket(1);
    const connection = new SseConnection(socket, 3);
    connection.send('e0');
    connection.comment(': keep-alive\n\n');
    expect(socket.received).toEqual(['e0']);
    expect(connection.queued).toBe(0);
  });

  it('resolves drained() once the client has read, or when it goes away', async () => {
    const socket = new SlowSocket(1);
    const connection = new SseConnection(socket, 3);
    await connection.drained();
    connection.send('e0');
    let drained = false;
    void connection.drained().then(() => (drained = true));
    await tick();
    expect(drained).toBe(false);
    socket.read();
    await tick();
    expect(drained).toBe(true);

    connection.send('e1');
    const waiting = connection.drained();
    socket.destroy();
    await expect(waiting).resolves.toBeUndefined();
    expect(connection.isClosed).toBe(true);
  });

  it('reports a connection that closed before it was wrapped', () => {
    const socket = new SlowSocket(1);
    socket.destroy();
    const connection = new SseConnection(socket, 3);
    const closed = jest.fn();
    connection.onClose(closed);
    expect(closed).toHaveBeenCalledTimes(1);
  });
});
