import { EventSubject, MemberChange } from '@app/contracts';
import { databaseOptions } from '@app/platform';
import { createDatabases } from '@app/testing';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { referralsMigrations } from '../src/database/migrations';
import { MemberVersions1764600000000 } from '../src/database/migrations/1764600000000-member-versions';

/** A database at the migrations before `MemberVersions`, with users in it, then migrated the rest of the way. */
describe.each(['sqlite', 'postgres'] as const)('the member versions migration (%s)', (database) => {
  let url: string;
  let cleanUp: () => Promise<void> | void;

  beforeAll(async () => {
    if (database === 'postgres') {
      const databases = await createDatabases(['referrals'] as const);
      url = databases.urls.referrals;
      cleanUp = () => databases.drop();
    } else {
      const directory = mkdtempSync(join(tmpdir(), 'member-versions-'));
      url = join(directory, 'referrals.sqlite');
      cleanUp = () => rmSync(directory, { recursive: true, force: true });
    }
  });
  afterAll(() => cleanUp?.());

  const open = async (migrations: typeof referralsMigrations) => {
    const source = new DataSource({ ...databaseOptions(url, [], migrations), migrationsRun: false });
    await source.initialize();
    await source.runMigrations();
    return source;
  };

  it('announces every user already there once, as a valid member change at version 1', async () => {
    const before = await open(referralsMigrations.filter((migration) => migration !== MemberVersions1764600000000));
    await before.query(
      `INSERT INTO users (name, referred_by, is_active) VALUES ('Root', NULL, true), ('Child "quoted"', 1, false)`,
    );
    await before.destroy();

    const after = await open(referralsMigrations);
    const rows = await after.query<{ subject: string; payload: string }[]>(
      'SELECT subject, payload FROM user_events_outbox ORDER BY id',
    );
    await after.destroy();

    expect(rows.map((row) => row.subject)).toEqual([EventSubject.MemberChanged, EventSubject.MemberChanged]);
    const changes = rows.map((row) => plainToInstance(MemberChange, JSON.parse(row.payload) as object));
    changes.forEach((change) => expect(validateSync(change)).toEqual([]));
    expect(changes.map((change) => ({ ...change }))).toEqual([
      { userId: 1, name: 'Root', referredBy: null, isActive: true, version: 1 },
      { userId: 2, name: 'Child "quoted"', referredBy: 1, isActive: false, version: 1 },
    ]);
  });
});
