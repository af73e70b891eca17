import { fdatasync, open } from 'node:fs';
import { promisify } from 'node:util';

/** The one call made on the WAL file: `fdatasync(2)`, on libuv's thread pool. */
export interface WalFile {
  datasync(): Promise<void>;
}

/**
 * Makes a SQLite database's commits durable without holding the event loop.
 *
 * With `synchronous = FULL` every COMMIT waited for the WAL's fsync inside better-sqlite3's synchronous call,
 * and the service could do nothing else meanwhile: a third of the commissions service's time under purchase load
 * (`npm run bench -- --profile`). The database runs with `synchronous = NORMAL` instead, which writes the WAL
 * at COMMIT without syncing it, and this syncs the WAL file from the thread pool: a caller hears of its commit
 * only once that sync has finished, so what was answered survives an OS crash or a power cut, as with FULL.
 * The WAL is one file written in order, so one sync covers every commit made before it began; the commits that
 * arrive while a sync runs share the next one.
 */
export class WalSync {
  /** Commits made so far, and how many of them are known to be on disk. */
  private committed = 0;
  private synced = 0;
  private running?: Promise<void>;
  private file?: Promise<WalFile>;

  constructor(private readonly openFile: () => Promise<WalFile>) {}

  /**
   * For the database file at `path`: SQLite keeps its WAL beside it, as `<path>-wal`, for as long as the
   * connection is open. A plain descriptor, kept for the process's life (a FileHandle left to the garbage
   * collector warns).
   */
  static forDatabase(path: string): WalSync {
    return new WalSync(async () => {
      const fd = await promisify(open)(`${path}-wal`, 'r');
      return { datasync: () => promisify(fdatasync)(fd) };
    });
  }

  /** Called right after each successful COMMIT. */
  commitMade(): void {
    this.committed++;
  }

  /** Resolves once every commit made so far is on disk; at once when nothing has been written since. */
  async durable(): Promise<void> {
    const target = this.committed;
    while (this.synced < target) {
      this.running ??= this.syncOnce().finally(() => (this.running = undefined));
      await this.running;
    }
  }

  private async syncOnce(): Promise<void> {
    // Every commit counted by now wrote its WAL frames before this sync starts.
    const covered = this.committed;
    try {
      this.file ??= this.openFile();
      await (await this.file).datasync();
    } catch (error) {
      // Opened again next time (a file that could not be opened is not kept as a failed promise).
      this.file = undefined;
      throw error;
    }
    this.synced = Math.max(this.synced, covered);
  }
}
