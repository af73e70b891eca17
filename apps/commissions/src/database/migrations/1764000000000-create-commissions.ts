import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const id = {
  name: 'id',
  type: 'integer',
  isPrimary: true,
  isGenerated: true,
  generationStrategy: 'increment',
} as const;
const int = (name: string) => ({ name, type: 'integer', isNullable: false });

export class CreateCommissions1764000000000 implements MigrationInterface {
  name = 'CreateCommissions1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'purchases',
        columns: [
          id,
          { name: 'purchase_key', type: 'varchar', length: '200', isUnique: true },
          int('buyer_id'),
          { name: 'amount_paise', type: 'bigint' },
          { name: 'is_valid', type: 'boolean' },
          { name: 'note', type: 'varchar', length: '200' },
          { name: 'commissions', type: 'text' },
          { name: 'created_at', type: 'varchar', length: '30' },
        ],
      }),
    );
    await queryRunner.createIndex(
      'purchases',
      new TableIndex({ name: 'idx_purchases_buyer', columnNames: ['buyer_id'] }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'earnings',
        columns: [
          id,
          int('user_id'),
          { name: 'level', type: 'smallint' },
          int('amount_paise'),
          int('source_user_id'),
          int('purchase_id'),
          int('total_after_paise'),
          { name: 'created_at', type: 'varchar', length: '30' },
        ],
        foreignKeys: [
          { columnNames: ['purchase_id'], referencedTableName: 'purchases', referencedColumnNames: ['id'] },
        ],
      }),
    );
    // A user's credits in id order (details, SSE replay) and per source (what a referral earned them).
    await queryRunner.createIndex(
      'earnings',
      new TableIndex({ name: 'idx_earnings_user_id', columnNames: ['user_id', 'id'] }),
    );
    await queryRunner.createIndex(
      'earnings',
      new TableIndex({ name: 'idx_earnings_user_source', columnNames: ['user_id', 'source_user_id'] }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'balances',
        columns: [
          { name: 'user_id', type: 'integer', isPrimary: true },
          int('level1_paise'),
          int('level2_paise'),
          int('total_paise'),
        ],
      }),
    );
    // The leaderboard reads this index in order: total descending, ties by user id ascending.
    await queryRunner.query('CREATE INDEX idx_balances_leaderboard ON balances (total_paise DESC, user_id ASC)');

    await queryRunner.createTable(new Table({ name: 'outbox', columns: [id, { name: 'payload', type: 'text' }] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['outbox', 'balances', 'earnings', 'purchases']) {
      await queryRunner.dropTable(table);
    }
  }
}
