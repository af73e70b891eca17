import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { LoadMessage, LoadTask, ResultOf } from './load/protocol';

/**
 * Runs one load task in a fresh child process (dist/bench/load/worker.js) and returns its result, so that
 * the load generator is a process of its own, as a real client would be.
 */
export function runLoad<T extends LoadTask>(task: T): Promise<ResultOf[T['kind']]> {
  const child = fork(join(__dirname, 'load', 'worker.js'), [], {
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    let answered = false;
    child.once('message', (message: LoadMessage) => {
      answered = true;
      if (message.type === 'result') {
        resolve(message.result as ResultOf[T['kind']]);
      } else {
        reject(new Error(`load task ${task.kind} failed: ${message.message}`));
      }
    });
    child.once('exit', (code, signal) => {
      if (!answered) {
        reject(new Error(`load process for ${task.kind} exited (${signal ?? code}) without a result`));
      }
    });
    child.send(task);
  });
}
