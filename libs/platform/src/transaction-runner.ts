import { Injectable } from '@nestjs/common';
import { Mutex } from 'async-mutex';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * The one way services touch their database.
 *
 * TypeORM's better-sqlite3 driver shares a single connection for the whole process, so two overlapping
 * transactions would interleave on it (and a read could see another's uncommitted rows). On SQLite every unit
 * of work therefore takes a turn behind a mutex; the statements are synchronous and microseconds long, so the
 * queue is short. PostgreSQL has a pool and real isolation: units run concurrently.
 */
@Injectable()
export class TransactionRunner {
  private readonly sqliteTurn = new Mutex();
  private readonly serialised: boolean;

  constructor(private readonly dataSource: DataSource) {
    this.serialised = dataSource.options.type === 'better-sqlite3';
  }

  /** Runs `work` in one transaction: all of it commits, or none of it. */
  write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.inTurn(() => this.dataSource.transaction(work));
  }

  /** Runs reads that must not observe another unit's uncommitted writes. */
  read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.inTurn(() => work(this.dataSource.manager));
  }

  get dialect(): 'sqlite' | 'postgres' {
    return this.serialised ? 'sqlite' : 'postgres';
  }

  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    return this.serialised ? this.sqliteTurn.runExclusive(work) : work();
  }
}
