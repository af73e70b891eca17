import { scaleOutFrom } from './scale-out';

describe(scaleOutFrom.name, () => {
  it('runs one process of each on SQLite when nothing is set', async () => {
    expect(await scaleOutFrom({})).toEqual({ stack: {}, summary: 'SQLite files, one process of each service' });
  });

  it('refuses several instances without PostgreSQL, naming the setting', async () => {
    await expect(scaleOutFrom({ COMMISSIONS_INSTANCES: '2' })).rejects.toThrow(
      'COMMISSIONS_INSTANCES above 1 need PostgreSQL: set POSTGRES_URL',
    );
  });

  it.each(['0', '-1', '1.5', 'two', '9'])('refuses REFERRALS_INSTANCES=%s', async (value) => {
    await expect(scaleOutFrom({ REFERRALS_INSTANCES: value })).rejects.toThrow(
      `REFERRALS_INSTANCES must be a whole number from 1 to 8, not "${value}"`,
    );
  });

  it('refuses a URL that is not PostgreSQL and a prefix that is not a plain name, before connecting', async () => {
    await expect(scaleOutFrom({ POSTGRES_URL: 'mysql://localhost/db' })).rejects.toThrow('must start with postgres://');
    await expect(
      scaleOutFrom({ POSTGRES_URL: 'postgres://127.0.0.1:1/postgres', POSTGRES_DATABASE_PREFIX: 'x"; DROP' }),
    ).rejects.toThrow('not a plain database name');
  });
});
