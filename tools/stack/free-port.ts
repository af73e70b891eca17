import { createServer } from 'node:net';

/** A TCP port on loopback that nothing listens on right now and that is not in `taken` (which it joins). */
export async function freePort(taken?: Set<number>): Promise<number> {
  for (;;) {
    const port = await anyFreePort();
    if (!taken?.has(port)) {
      taken?.add(port);
      return port;
    }
  }
}

function anyFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
