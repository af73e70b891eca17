import Database from 'better-sqlite3';
import fs from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, type Logger } from 'typeorm';
import { databaseOptions } from './database';
import { requestContext } from './request-context';
import { STOP_AFTER_FAILED_SYNC_MS, TransactionRunner } from './transaction-runner';

describe(TransactionRunner.name, () => {
  let dataSource: DataSource;
  let runner: TransactionRunner;
  let commits: number;

  beforeEach(async () => {
    commits = 0;
    const countCommits: Logger = {
      logQuery: (query) => void (query === 'COMMIT' && commits++),
      logQueryError: () => undefined,
      logQuerySlow: () => undefined,
      logSchemaBuild: () => undefined,
      logMigration: () => undefined,
      log: () => undefined,
    };
    dataSource = new DataSource({ type: 'better-sqlite3', database: ':memory:', logging: true, logger: countCommits });
    await dataSource.initialize();
    await dataSource.query('CREATE TABLE rows (id INTEGER PRIMARY KEY, unit INTEGER NOT NULL UNIQUE)');
    runner = new TransactionRunner(dataSource);
  });

  afterEach(() => dataSource.destroy());

  const insert = (unit: number) =>
    runner.write(async (manager) => {
      await manager.query('INSERT INTO rows (unit) VALUES (?)', [unit]);
      return unit * 10;
    });
  const units = () =>
    runner.read(async (manager) =>
      (await manager.query<{ unit: number }[]>('SELECT unit FROM rows ORDER BY unit')).map((row) => row.unit),
    );

  it('commits units that queue up together in one transaction and answers each with its own result', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, unit) => insert(unit)));
    expect(results).toEqual(Array.from({ length: 20 }, (_, unit) => unit * 10));
    expect(await units()).toEqual(Array.from({ length: 20 }, (_, unit) => unit));
    expect(commits).toBeLessThan(20);
  });

  it('rolls back only the unit that fails; the others in its batch commit', async () => {
    // Queued in this order, and so run in this order inside one batch.
    const first = insert(1);
    const failing = runner.write(async (manager) => {
      await manager.query('INSERT INTO rows (unit) VALUES (?)', [100]);
      throw new Error('refused');
    });
    const duplicate = insert(1); // breaks the UNIQUE constraint
    const last = insert(2);
    const outcomes = await Promise.allSettled([first, failing, duplicate, last]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toEqual(new Error('refused'));
    expect(await units()).toEqual([1, 2]);
  });

  it('keeps savepoint journals in memory, and a unit that changed more than 64 KiB still rolls back alone', async () => {
    const body = (fill: string) => fill.repeat(500);
    await dataSource.query('CREATE TABLE pages (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    await dataSource.query(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400) INSERT INTO pages (body) SELECT ? FROM n`,
      [body('a')],
    );
    const before = insert(1);
    // ~200 KB of pages changed in its savepoint: past the size at which a file journal spills to disk.
    const rewriting = runner.write(async (manager) => {
      await manager.query('UPDATE pages SET body = ?', [body('b')]);
      throw new Error('refused');
    });
    const after = insert(2);
    const outcomes = await Promise.allSettled([before, rewriting, after]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await units()).toEqual([1, 2]);
    const [{ changed }] = await dataSource.query<{ changed: number }[]>(
      'SELECT COUNT(*) AS changed FROM pages WHERE body <> ?',
      [body('a')],
    );
    expect(changed).toBe(0);
    const [{ temp_store: tempStore }] = await dataSource.query<{ temp_store: number }[]>('PRAGMA temp_store');
    expect(tempStore).toBe(2); // 0 DEFAULT, 1 FILE, 2 MEMORY
  });

  it('runs a lone unit as a plain transaction, and keeps working after a failed one', async () => {
    await expect(
      runner.write(async (manager) => {
        await manager.query('INSERT INTO rows (unit) VALUES (?)', [7]);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    await expect(insert(8)).resolves.toBe(80);
    expect(await units()).toEqual([8]);
  });
});

describe(`${TransactionRunner.name} within a request's deadline`, () => {
  let dir: string;
  let dataSource: DataSource;
  let other: Database.Database;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'transaction-deadline-'));
    const file = join(dir, 'service.sqlite');
    // Waits 100 ms for another connection's lock before SQLITE_BUSY, which the runner retries.
    dataSource = new DataSource({ type: 'better-sqlite3', database: file, enableWAL: true, timeout: 100 });
    await dataSource.initialize();
    await dataSource.query('CREATE TABLE rows (id INTEGER PRIMARY KEY, unit INTEGER NOT NULL UNIQUE)');
    other = new Database(file);
  });
  afterEach(async () => {
    other.close();
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('neither retries nor commits past the deadline: the caller told 503 never finds the write made', async () => {
    const runner = new TransactionRunner(dataSource);
    // Another process holds the write lock until after the deadline; without the deadline, the runner's second
    // try would get the lock then, and commit a write whose caller had been told 503.
    other.exec('BEGIN IMMEDIATE');
    const release = setTimeout(() => other.exec('COMMIT'), 250);
    const deadline = Date.now() + 200;
    const write = requestContext.run({ requestId: 'deadline-test', deadline }, () =>
      runner.write((manager) => manager.query('INSERT INTO rows (unit) VALUES (1)')),
    );
    await expect(write).rejects.toMatchObject({ code: 'SERVICE.UNAVAILABLE' });
    await new Promise((resolve) => setTimeout(resolve, 400));
    clearTimeout(release);
    expect(await dataSource.query('SELECT unit FROM rows')).toEqual([]);
  });

  it('starts nothing once the deadline has passed', async () => {
    const runner = new TransactionRunner(dataSource);
    const write = requestContext.run({ requestId: 'late', deadline: Date.now() - 1 }, () =>
      runner.write((manager) => manager.query('INSERT INTO rows (unit) VALUES (2)')),
    );
    await expect(write).rejects.toMatchObject({ code: 'SERVICE.UNAVAILABLE' });
    expect(await dataSource.query('SELECT unit FROM rows')).toEqual([]);
  });
});

describe(`${TransactionRunner.name} on a SQLite file`, () => {
  let dir: string;
  let dataSource: DataSource;
  /** The WAL syncs asked for, each finished by the test. */
  let syncs: (() => void)[];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'transaction-durable-'));
    dataSource = new DataSource(databaseOptions(join(dir, 'service.sqlite'), [], []));
    await dataSource.initialize();
    await dataSource.query('CREATE TABLE rows (id INTEGER PRIMARY KEY, unit INTEGER NOT NULL UNIQUE)');
    syncs = [];
    jest.spyOn(fs, 'fdatasync').mockImplementation((_fd: number, done: (error: null) => void) => {
      syncs.push(() => done(null));
    });
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const untilSyncAsked = async (count: number): Promise<void> => {
    while (syncs.length < count) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };

  it('answers SERVICE.UNAVAILABLE when the WAL cannot be synced, then to every read and write, and stops', async () => {
    jest.spyOn(fs, 'fdatasync').mockImplementation((_fd: number, done: (error: Error | null) => void) => {
      done(new Error('EIO'));
    });
    const exit = jest.spyOn(process, 'exit').mockImplementation(() => undefined as never);
    const runner = new TransactionRunner(dataSource);
    const insert = (unit: number) =>
      runner.write((manager) => manager.query('INSERT INTO rows (unit) VALUES (?)', [unit]));
    await expect(insert(1)).rejects.toMatchObject({ code: 'SERVICE.UNAVAILABLE' });
    await expect(insert(2)).rejects.toMatchObject({ code: 'SERVICE.UNAVAILABLE' });
    await expect(runner.read((manager) => manager.query('SELECT unit FROM rows'))).rejects.toMatchObject({
      code: 'SERVICE.UNAVAILABLE',
    });
    expect(exit).not.toHaveBeenCalled();
    await new Promise((resolve) => setTimeout(resolve, STOP_AFTER_FAILED_SYNC_MS + 100));
    expect(exit).toHaveBeenCalledWith(1);
  });

  it('answers writes only once the WAL is synced, one sync for the batch, and reads wait for it too', async () => {
    const runner = new TransactionRunner(dataSource);
    let answered = 0;
    const writes = [1, 2, 3].map((unit) =>
      runner.write((manager) => manager.query('INSERT INTO rows (unit) VALUES (?)', [unit])).then(() => answered++),
    );
    await untilSyncAsked(1);
    const read = runner.read((manager) => manager.query<{ unit: number }[]>('SELECT unit FROM rows ORDER BY unit'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(answered).toBe(0);
    syncs[0]();
    await Promise.all(writes);
    expect(answered).toBe(3);
    await expect(read).resolves.toEqual([{ unit: 1 }, { unit: 2 }, { unit: 3 }]);
    expect(syncs).toHaveLength(1);
  });
});
