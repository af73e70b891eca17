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
});
