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
 * A failed sync stops it for good. Linux reports a failed write-back to one `fdatasync` of the file only, and may
 * then mark the pages clean: a sync running beside it, or any later one, can return success for a write that
 * was lost. So after a failure no sync is trusted, every commit not yet answered and every later one fails, and
 * `onFailure` is told once, so that the service can stop and let SQLite recover from what is on disk (as
 * PostgreSQL does since 2018; docs/resilience.md).
 */
export class WalSync {
  /** Commits made so far, and how many of them are known to be on disk. */
  private committed = 0;
  private synced = 0;
  /** The syncs running, oldest first: the last covers the most. */
  private readonly running = new Set<Sync>();
  /** The first sync that failed: from then on nothing is confirmed. */
  private failure?: { error: unknown };
  private file?: Promise<WalFile>;

  constructor(
    private readonly openFile: () => Promise<WalFile>,
    private readonly onFailure: (error: unknown) => void = () => undefined,
  ) {}

  /**
   * For the database file at `path`: SQLite keeps its WAL beside it, as `<path>-wal`, for as long as the
   * connection is open. A plain descriptor, kept for the process's life (a FileHandle left to the garbage
   * collector warns).
   */
  static forDatabase(path: string, onFailure?: (error: unknown) => void): WalSync {
    return new WalSync(async () => {
      const fd = await promisify(open)(`${path}-wal`, 'r');
      return { datasync: () => promisify(fdatasync)(fd) };
    }, onFailure);
  }

  /** Called right after each successful COMMIT. */
  commitMade(): void {
    this.committed++;
  }

  /**
   * Resolves once every commit made so far is on disk; at once when nothing has been written since. Rejects
   * once a sync has failed, whichever it was.
   */
  async durable(): Promise<void> {
    const target = this.committed;
    while (this.synced < target) {
      if (this.failure) {
        throw this.failure.error;
      }
      const newest = [...this.running].at(-1);
      if (newest && newest.covers >= target) {
        await newest.done;
      } else if (this.running.size < MAX_SYNCS_IN_FLIGHT) {
        await this.startSync().done;
      } else {
        // All busy, none covering this commit: the first to end makes room (or fails them all, checked above).
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
    return sync;
  }

  private async syncFile(covers: number): Promise<void> {
    try {
      this.file ??= this.openFile();
      await (await this.file).datasync();
    } catch (error) {
      if (!this.failure) {
        this.failure = { error };
        this.onFailure(error);
      }
      throw error;
    }
    if (this.failure) {
      // Another sync failed while this one ran, and may have been the one told of a write lost from these commits.
      throw this.failure.error;
    }
    this.synced = Math.max(this.synced, covers);
  }
}
