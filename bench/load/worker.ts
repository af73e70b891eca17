import { runCannon } from './cannon';
import { createForest } from './forest';
import { runPaced } from './paced';
import type { LoadMessage, LoadTask } from './protocol';
import { measureSseCapacity } from './sse-capacity';
import { measureSseLatency } from './sse-latency';
import { sumEarnings } from './sum-earnings';

/** The load process: receives one task from the bench over IPC, runs it, sends the result back, exits. */
function run(task: LoadTask): Promise<unknown> {
  switch (task.kind) {
    case 'cannon':
      return runCannon(task);
    case 'forest':
      return createForest(task);
    case 'sse-latency':
      return measureSseLatency(task);
    case 'sse-capacity':
      return measureSseCapacity(task);
    case 'paced':
      return runPaced(task);
    case 'sum-earnings':
      return sumEarnings(task);
  }
}

function reply(message: LoadMessage, code: number): void {
  process.send?.(message, () => process.exit(code));
}

process.once('message', (task: LoadTask) => {
  run(task).then(
    (result) => reply({ type: 'result', result }, 0),
    (error: unknown) => reply({ type: 'error', message: error instanceof Error ? error.message : String(error) }, 1),
  );
});
