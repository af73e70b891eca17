import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { databaseOptions } from './database';

describe(databaseOptions.name, () => {
  let dir: string;
  let dataSource: DataSource | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'database-options-'));
  });
  afterEach(async () => {
    await dataSource?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens a SQLite file in WAL mode with synchronous = NORMAL: TransactionRunner syncs the WAL itself', async () => {
    dataSource = new DataSource(databaseOptions(join(dir, 'service.sqlite'), [], []));
    await dataSource.initialize();
    const [{ journal_mode: journal }] = await dataSource.query<{ journal_mode: string }[]>('PRAGMA journal_mode');
    const [{ synchronous }] = await dataSource.query<{ synchronous: number }[]>('PRAGMA synchronous');
    expect(journal).toBe('wal');
    expect(synchronous).toBe(1); // 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA
  });

  it('keeps savepoint journals in memory, and a ROLLBACK TO past 64 KiB of changes still undoes them', async () => {
    dataSource = new DataSource(databaseOptions(join(dir, 'service.sqlite'), [], []));
    await dataSource.initialize();
    const [{ temp_store: tempStore }] = await dataSource.query<{ temp_store: number }[]>('PRAGMA temp_store');
    expect(tempStore).toBe(2); // 0 DEFAULT, 1 FILE, 2 MEMORY
    await dataSource.query('CREATE TABLE rows (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    await dataSource.query(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400)
       INSERT INTO rows (body) SELECT printf('%.500c', 'a') FROM n`);
    const runner = dataSource.createQueryRunner();
    await runner.startTransaction();
    await runner.query('SAVEPOINT unit');
    // ~200 KB of pages changed inside the savepoint: past the size at which a file journal would spill to disk.
    await runner.query("UPDATE rows SET body = printf('%.500c', 'b')");
    await runner.query('ROLLBACK TO unit');
    await runner.query('RELEASE unit');
    await runner.commitTransaction();
    await runner.release();
    const [{ changed }] = await dataSource.query<{ changed: number }[]>(
      "SELECT COUNT(*) AS changed FROM rows WHERE body <> printf('%.500c', 'a')",
    );
    expect(changed).toBe(0);
  });
});
