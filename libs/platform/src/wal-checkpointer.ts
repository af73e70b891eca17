import { Logger } from '@nestjs/common';
import { Worker } from 'node:worker_threads';

/** How often the checkpointer copies the WAL's new frames into the database file. */
export const CHECKPOINT_INTERVAL_MS = 100;

/**
 * The service connection's own automatic checkpoint, kept as the one that lets the WAL start over: SQLite
 * rewinds the WAL only after a checkpoint that left no frame behind, and the checkpointer's seldom does while
 * commits keep coming. By the time the WAL holds this many frames the checkpointer has copied nearly all of
 * them and synced the database file, so this checkpoint has little to copy or sync. (SQLite's default: 1,000.)
 */
export const SERVICE_AUTOCHECKPOINT_FRAMES = 4_000;

/**
 * Runs in the worker: its own connection to the database file, a PASSIVE checkpoint on a timer. PASSIVE never
 * waits for the writer nor blocks it; it copies the frames committed when it starts, syncing the WAL first and
 * the database file after (`synchronous = NORMAL`). When the service's connection is checkpointing at that
 * moment it answers SQLITE_BUSY, and the next tick tries again.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 0');
db.pragma('synchronous = NORMAL');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
const timer = setInterval(() => {
  try {
    checkpoint.run();
  } catch (error) {
    if (error.code !== 'SQLITE_BUSY') throw error;
  }
}, workerData.intervalMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Copies a SQLite database's WAL into the database file from a worker thread, so that the event loop does not.
 *
 * SQLite checkpoints inside the COMMIT that takes the WAL past its limit: under purchase load that was a
 * thousand frames copied and two `fsync`s, about fifteen times a second, with the service's event loop
 * blocked for all of it (`perf trace`: 7.6% of the commissions service's time in those `fsync`s alone;
 * docs/performance.md). Here a second connection, on a thread of its own, does that copying and syncing, and the
 * service's connection keeps a rarer checkpoint of its own that finds the work done (see
 * `SERVICE_AUTOCHECKPOINT_FRAMES`). Durability is SQLite's either way: a checkpoint copies committed frames
 * only, after syncing the WAL, and the WAL is rewound only after the database file is synced.
 *
 * If the worker fails, the service's own checkpoint still keeps the WAL in bounds: slower, never unsafe.
 */
export class WalCheckpointer {
  private readonly logger = new Logger(WalCheckpointer.name);
  private readonly worker: Worker;
  private readonly exited: Promise<void>;

  constructor(file: string, intervalMs = CHECKPOINT_INTERVAL_MS) {
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { file, intervalMs, driver: require.resolve('better-sqlite3') },
    });
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    // Never the reason a process stays up; `stop` ends it properly on shutdown.
    this.worker.unref();
    this.worker.on('error', (error) => {
      this.logger.warn(`The WAL checkpointer stopped (${String(error)}); SQLite's own checkpoints go on`);
    });
  }

  /** Ends the worker and closes its connection; resolves once the thread has exited. */
  stop(): Promise<void> {
    // A worker that has exited already ignores the message.
    this.worker.postMessage('stop');
    return this.exited;
  }
}
