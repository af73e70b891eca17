import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Mutex } from 'async-mutex';
import { DomainError, ErrorCode } from '@app/contracts';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import { bindIntegerParameters, sqliteConnection, type SqliteStatement } from './database';
import { currentDeadline } from './request-context';
import { SERVICE_AUTOCHECKPOINT_FRAMES, WalCheckpointer } from './wal-checkpointer';
import { WalSync } from './wal-sync';

/** How many times a write meets a busy database before it gives up, and the pause that grows between tries. */
const BUSY_ATTEMPTS = 3;
const BUSY_BACKOFF_MS = 50;

/** SQLite: another connection holds the lock. PostgreSQL: serialisation failure, deadlock, lock not available. */
const BUSY_CODES = new Set(['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED', '40001', '40P01', '55P03']);

function isBusy(error: unknown): boolean {
  const code =
    (error as { driverError?: { code?: unknown }; code?: unknown } | null)?.driverError?.code ??
    (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && BUSY_CODES.has(code);
}

/**
 * The level every PostgreSQL unit of work runs at, whatever the server's default: the rules are written for it.
 * Each statement sees what committed before it began, so a count read after `pg_advisory_xact_lock` (the
 * referral limit) sees the referral committed by the transaction that held the lock; under REPEATABLE READ its
 * snapshot would predate the wait, and the limit would let a ninth referral through.
 */
export const POSTGRES_ISOLATION = 'READ COMMITTED';

const busy = (): DomainError => new DomainError(ErrorCode.ServiceUnavailable, 'The database is busy; try again');
const notDurable = (): DomainError =>
  new DomainError(ErrorCode.ServiceUnavailable, 'The database could not confirm the write on disk; try again');

/** Throws SERVICE.UNAVAILABLE once the caller's deadline has passed (inside a transaction: it rolls back). */
function refuseAfter(deadline: number | undefined): void {
  if (deadline !== undefined && Date.now() >= deadline) {
    throw busy();
  }
}

/**
 * After a failed WAL sync the service answers 503 for this long, then stops with exit code 1, so that SQLite
 * recovers from what is on disk when the supervisor (`npm run up`, `restart: unless-stopped`) starts it again.
 */
export const STOP_AFTER_FAILED_SYNC_MS = 500;

function stopAfterFailedSync(error: unknown): void {
  new Logger(TransactionRunner.name).error(
    `The WAL could not be synced (${String(error)}): nothing more is confirmed; stopping in ` +
      `${STOP_AFTER_FAILED_SYNC_MS} ms so that SQLite recovers from what is on disk`,
  );
  setTimeout(() => process.exit(1), STOP_AFTER_FAILED_SYNC_MS);
}

/** The most units of work one SQLite commit carries, so that a long queue does not make one long turn. */
const MAX_UNITS_PER_COMMIT = 64;

interface QueuedUnit {
  work: (manager: EntityManager) => Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * The one way services touch their database.
 *
 * TypeORM's better-sqlite3 driver shares a single connection for the whole process, so two overlapping
 * transactions would interleave on it (and a read could see another's uncommitted rows). On SQLite every unit
 * of work therefore takes a turn behind a mutex; the statements are synchronous and microseconds long, so the
 * queue is short. PostgreSQL has a pool and real isolation: units run concurrently.
 *
 * Group commit on SQLite: the units that queued up while a turn was running share the next one: one
 * transaction, each unit inside a savepoint of its own, one COMMIT for all. A unit that throws is rolled back
 * to its savepoint alone and its caller gets the error; the others still commit. Callers hear back only after
 * the COMMIT, so nobody is ever told of a write that is not durable, and if the COMMIT fails every unit of the
 * batch fails with nothing written. Units still run one after another in queue order, exactly as before; a
 * commit per unit was most of the SQL cost of a purchase (`npm run bench -- --profile`), and a queue of 16
 * costs about a third as much per unit.
 *
 * Durability on SQLite: a COMMIT writes the WAL without syncing it (`synchronous = NORMAL`), and callers hear
 * back once `WalSync` has synced it from the thread pool, so the next batch runs meanwhile. Reads wait for the
 * commits before them to be on disk, so nothing is ever read that a power cut could still take back.
 */
@Injectable()
export class TransactionRunner implements OnModuleDestroy {
  private readonly sqliteTurn = new Mutex();
  private readonly serialised: boolean;
  private readonly queue: QueuedUnit[] = [];
  private savepoint?: Record<'begin' | 'release' | 'rollback', SqliteStatement>;
  /** A SQLite file's WAL sync (an in-memory database has nothing to sync). */
  private readonly wal?: WalSync;
  /** A SQLite file's checkpoints off the event loop, started with the first write (after the migrations). */
  private checkpointer?: WalCheckpointer;

  constructor(private readonly dataSource: DataSource) {
    this.serialised = dataSource.options.type === 'better-sqlite3';
    const file = this.serialised ? String(dataSource.options.database) : '';
    if (file !== '' && file !== ':memory:') {
      this.wal = WalSync.forDatabase(file, stopAfterFailedSync);
    }
    bindIntegerParameters(dataSource);
  }

  /**
   * Runs `work` in one transaction: all of it commits, or none of it. A database that is busy (a lock held by
   * another process, a deadlock or serialisation failure on PostgreSQL) gets a few more tries; after those the
   * caller gets SERVICE.UNAVAILABLE (503), with nothing written. Within the deadline of the request being
   * handled (see `RequestContext`): no try starts, no retry waits and no COMMIT happens past it, so a caller
   * told 503 never finds the write made after all.
   */
  async write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    // The caller's deadline, captured now: the SQLite queue runs units outside their request's async context.
    const deadline = currentDeadline();
    const beforeDeadline = async (manager: EntityManager): Promise<T> => {
      refuseAfter(deadline);
      const value = await work(manager);
      // Checked again before COMMIT: past the deadline the caller was told 503, so nothing may be written.
      refuseAfter(deadline);
      return value;
    };
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.writeOnce(beforeDeadline);
      } catch (error) {
        if (!isBusy(error)) {
          throw error;
        }
        const pauseMs = BUSY_BACKOFF_MS * attempt;
        if (attempt >= BUSY_ATTEMPTS || (deadline !== undefined && Date.now() + pauseMs >= deadline)) {
          throw busy();
        }
        await new Promise((resolve) => setTimeout(resolve, pauseMs));
      }
    }
  }

  private writeOnce<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serialised) {
      return this.dataSource.transaction(POSTGRES_ISOLATION, work);
    }
    this.startCheckpointer();
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve, reject });
      // One turn per unit is queued, but the first turn to run takes every unit waiting by then; later turns
      // find the queue empty (or holding newer units) and end at once.
      void this.sqliteTurn.runExclusive(() => this.commitQueued());
    });
  }

  /** Stops the checkpointer's thread and closes its connection, before TypeORM closes the service's. */
  async onModuleDestroy(): Promise<void> {
    await this.checkpointer?.stop();
  }

  private startCheckpointer(): void {
    if (this.checkpointer || !this.wal) {
      return;
    }
    this.checkpointer = new WalCheckpointer(String(this.dataSource.options.database));
    sqliteConnection(this.dataSource).prepare(`PRAGMA wal_autocheckpoint = ${SERVICE_AUTOCHECKPOINT_FRAMES}`).all();
  }

  /** Runs reads that must not observe another unit's uncommitted writes. */
  read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.serialised
      ? this.sqliteTurn.runExclusive(async () => {
          await this.wal?.durable().catch(() => {
            throw notDurable();
          });
          return work(this.dataSource.manager);
        })
      : work(this.dataSource.manager);
  }

  get dialect(): 'sqlite' | 'postgres' {
    return this.serialised ? 'sqlite' : 'postgres';
  }

  /**
   * The savepoint each unit of a group commit runs in, as statements prepared once on SQLite's connection:
   * TypeORM's nested transactions cost a query-runner round (logging, broadcasts, promises) per statement, twice
   * per unit. The units' own statements, TypeORM's included, run in the same transaction on that connection.
   */
  private unitSavepoint(): Record<'begin' | 'release' | 'rollback', SqliteStatement> {
    if (!this.savepoint) {
      const connection = sqliteConnection(this.dataSource);
      // SQLite copies every page a savepoint changes into a sub-journal first: a temporary file (opened, written
      // a pwrite per page, closed) once it outgrows 64 KiB, which every batch of purchases did (17% of
      // commissions' CPU under `perf record`). Kept in memory instead: only a ROLLBACK TO reads it, never crash
      // recovery (a crash leaves uncommitted WAL frames, which SQLite ignores). Set here, after the migrations,
      // whose index builds may sort more than memory should hold (temp_store covers sorts' spill files too).
      connection.prepare('PRAGMA temp_store = MEMORY').run();
      this.savepoint = {
        begin: connection.prepare('SAVEPOINT unit'),
        release: connection.prepare('RELEASE unit'),
        rollback: connection.prepare('ROLLBACK TO unit'),
      };
    }
    return this.savepoint;
  }

  private async commitQueued(): Promise<void> {
    const batch = this.queue.splice(0, MAX_UNITS_PER_COMMIT);
    if (batch.length === 0) {
      return;
    }
    if (batch.length === 1) {
      const [unit] = batch;
      await this.dataSource.transaction(unit.work).then(
        (value) => this.answerOnceDurable([unit], [{ ok: true, value }]),
        (error: unknown) => unit.reject(error),
      );
      return;
    }
    const runner = this.dataSource.createQueryRunner();
    const savepoint = this.unitSavepoint();
    const outcomes: Outcome[] = [];
    try {
      await runner.startTransaction();
      for (const unit of batch) {
        savepoint.begin.run();
        try {
          const value = await unit.work(runner.manager);
          savepoint.release.run();
          outcomes.push({ ok: true, value });
        } catch (error) {
          // Back to the savepoint: this unit only. ROLLBACK TO keeps the savepoint, so it is released after.
          savepoint.rollback.run();
          savepoint.release.run();
          outcomes.push({ ok: false, error });
        }
      }
      await runner.commitTransaction();
    } catch (error) {
      // BEGIN, a savepoint statement or the COMMIT failed: nothing of this batch is written.
      await abandonTransaction(runner);
      batch.forEach((unit) => unit.reject(error));
      return;
    } finally {
      await runner.release();
    }
    this.answerOnceDurable(batch, outcomes);
  }

  /**
   * After a COMMIT: each unit's caller hears its outcome once the commit is on disk. Not awaited, so that the
   * next batch takes its turn while the WAL syncs. A failed sync fails the batch's callers and every one after
   * (the service answers 503, then stops: see `WalSync`); as after a crash following the COMMIT, an idempotent
   * retry finds what was written, if it was.
   */
  private answerOnceDurable(batch: QueuedUnit[], outcomes: Outcome[]): void {
    const answer = (): void =>
      batch.forEach((unit, index) => {
        const outcome = outcomes[index];
        if (outcome.ok) {
          unit.resolve(outcome.value);
        } else {
          unit.reject(outcome.error);
        }
      });
    if (!this.wal) {
      answer();
      return;
    }
    this.wal.commitMade();
    this.wal.durable().then(answer, () => batch.forEach((unit) => unit.reject(notDurable())));
  }
}

/**
 * Rolls back whatever is open and resets TypeORM's bookkeeping of it. The SQLite query runner is one object
 * shared by the whole process, and a savepoint that SQLite already discarded (it rolls a transaction back by
 * itself on some errors) would leave TypeORM counting nesting levels that no longer exist.
 */
async function abandonTransaction(runner: QueryRunner): Promise<void> {
  await runner.query('ROLLBACK').catch(() => undefined);
  Object.assign(runner, { isTransactionActive: false, transactionDepth: 0 });
}
