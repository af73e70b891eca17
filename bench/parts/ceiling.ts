import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { BenchContext } from '../context';
import { runLoad } from '../load-process';
import type { CannonResult } from '../load/protocol';
import { purchasePath } from '../load/purchases';

/** Part 5: the bare Nest + Fastify route with the same validation, in a process of its own. */
export async function measureCeiling(context: BenchContext): Promise<CannonResult> {
  const child = fork(join(__dirname, '..', 'ceiling', 'main.js'), [], {
    env: { ...process.env, CEILING_PORT: '0' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.once('message', (message: { url: string }) => resolve(message.url));
      child.once('exit', (code) => reject(new Error(`the ceiling app exited (${code}) before listening`)));
    });
    context.log(`Ceiling: bare Nest + Fastify at ${url}, ${context.scale.connections} connections`);
    return await runLoad({
      kind: 'cannon',
      title: 'ceiling',
      baseUrl: url,
      method: 'POST',
      paths: Array.from({ length: 1_000 }, (_, index) => purchasePath(index + 2, '1000')),
      connections: context.scale.connections,
      durationS: context.scale.ceilingS,
      warmupS: context.scale.warmupS,
    });
  } finally {
    child.kill('SIGTERM');
  }
}
