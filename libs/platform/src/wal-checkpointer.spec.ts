import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WalCheckpointer } from './wal-checkpointer';

const ROWS = 200;
const ROW_BYTES = 4_000;

/** Waits until `condition` holds, checking every 10 ms, for at most `timeoutMs` (`@app/testing` is off limits here). */
async function eventually(condition: () => boolean, timeoutMs = 5_000): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) {
      return false;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

describe(WalCheckpointer.name, () => {
  let dir: string;
  let file: string;
  let writer: Database.Database;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wal-checkpointer-'));
    file = join(dir, 'service.sqlite');
    writer = new Database(file);
    writer.pragma('journal_mode = WAL');
    // The writer never checkpoints by itself here: whatever reaches the database file, the checkpointer copied.
    writer.pragma('wal_autocheckpoint = 0');
    writer.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, body BLOB NOT NULL)');
  });

  afterEach(() => {
    writer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const commitRows = (): void => {
    const insert = writer.prepare('INSERT INTO rows (body) VALUES (?)');
    writer.transaction(() => {
      for (let i = 0; i < ROWS; i++) {
        insert.run(Buffer.alloc(ROW_BYTES, i));
      }
    })();
  };

  it('copies committed frames from the WAL into the database file, beside a writer that keeps writing', async () => {
    commitRows();
    const before = statSync(file).size;
    expect(before).toBeLessThan(ROWS * ROW_BYTES);

    const checkpointer = new WalCheckpointer(file, 10);
    try {
      expect(await eventually(() => statSync(file).size >= ROWS * ROW_BYTES)).toBe(true);
      // The writer is never blocked by it: more commits go through while it runs.
      commitRows();
      expect(await eventually(() => statSync(file).size >= 2 * ROWS * ROW_BYTES)).toBe(true);
    } finally {
      await checkpointer.stop();
    }
    expect(writer.prepare('SELECT count(*) AS n FROM rows').get()).toEqual({ n: 2 * ROWS });
  });

  it('stops: its thread exits and copies nothing more', async () => {
    const checkpointer = new WalCheckpointer(file, 10);
    await checkpointer.stop();
    commitRows();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(statSync(file).size).toBeLessThan(ROWS * ROW_BYTES);
    // Stopping twice is harmless.
    await checkpointer.stop();
  });
});
