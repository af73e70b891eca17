import { fdatasync, open } from 'node:fs';
import { promisify } from 'node:util';

/** The one call made on the WAL file: `fdatasync(2)`, on libuv's thread pool. */
export interface WalFile {
  datasync(): Promise<void>;
}

/**
 * At most this many syncs run at once: libuv's thread pool has four threads, and one stays free for other work.
 */
const MAX_SYNCS_IN_FLIGHT = 3;

/** One `fdatasync` call: the commits it covers, and when it is done. */
interface Sync {
  covers: number;
  done: Promise<void>;
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
 * arrive while a sync runs share a newer one.
 *
 * That newer sync starts at once rather than after the running one: `fdatasync` writes what is dirty when it
 * is called and waits for writes already under way, so it covers its commits whatever else is running. A
 * commit then waits for its own sync only, not for the rest of the one before it as well (see
 * docs/performance.md), unless all three are busy.
 *
 * A failed write, though, is reported to one `fdatasync` of the file only: a sync that was running when another
 * failed may return success for pages that were lost. Its success is not trusted: its callers fail too.
 */
export class WalSync {
  /** Commits made so far, and how many of them are known to be on disk. */
  private committed = 0;
  private synced = 0;
  /** The syncs running, and the one started last (which covers the most). */
  private readonly running = new Set<Sync>();
  private latest?: Sync;
  /** How many syncs have failed, and the last failure. */
  private failures = 0;
  private lastFailure: unknown;
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

  /**
   * Resolves once every commit made so far is on disk; at once when nothing has been written since. Rejects
   * when the sync that covers them fails.
   */
  async durable(): Promise<void> {
    const target = this.committed;
    while (this.synced < target) {
      const latest = this.latest;
      if (latest && this.running.has(latest) && latest.covers >= target) {
        await latest.done;
      } else if (this.running.size < MAX_SYNCS_IN_FLIGHT) {
        await this.startSync().done;
      } else {
        // All busy, none covering this commit: the first to end makes room (whether it failed is its callers'
        // business).
        await Promise.race([...this.running].map((sync) => sync.done.catch(() => undefined)));
      }
    }
  }

  private startSync(): Sync {
    // Every commit counted by now wrote its WAL frames before this sync starts.
    const covers = this.committed;
    const sync: Sync = {
      covers,
      done: this.syncFile(covers).finally(() => this.running.delete(sync)),
    };
    this.running.add(sync);
    this.latest = sync;
    return sync;
  }

  private async syncFile(covers: number): Promise<void> {
    const failuresBefore = this.failures;
    const file = (this.file ??= this.openFile());
    try {
      await (await file).datasync();
    } catch (error) {
      this.failures++;
      this.lastFailure = error;
      // Opened again next time (a file that could not be opened is not kept as a failed promise).
      if (this.file === file) {
        this.file = undefined;
      }
      throw error;
    }
    if (this.failures !== failuresBefore) {
      // Another sync failed while this one ran, and may have been told of a write lost from these commits.
      throw this.lastFailure;
    }
    this.synced = Math.max(this.synced, covers);
  }
}
