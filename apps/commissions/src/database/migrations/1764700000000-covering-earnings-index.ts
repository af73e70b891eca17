import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What `/earnings`, `/referrals` and the SSE replay read of a user's earnings, beside the key. */
const READ_COLUMNS = 'level, amount_paise, source_user_id, purchase_id, refund_id, total_after_paise, created_at';

/**
 * `/earnings/{id}` and `/referrals/{id}` read a user's earnings, and a user's rows lie wherever the table was
 * when each was credited: with millions of rows, one page each. Those page reads were two thirds of the
 * commissions service's time under either read (`npm run bench -- --only=reads --profile`).
 *
 * The index by user that they already used now carries the columns they read, so a user's rows come from its
 * leaf pages, many to a page and in order, without the table (on PostgreSQL, as an index-only scan where the
 * visibility map allows). It replaces `idx_earnings_user_id` (user_id, id): a credit still writes one entry at
 * one place in it, a longer one.
 */
export class CoveringEarningsIndex1764700000000 implements MigrationInterface {
  name = 'CoveringEarningsIndex1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // SQLite has no INCLUDE: there the columns are part of the key, which orders them the same way.
    const columns =
      queryRunner.connection.options.type === 'postgres'
        ? `(user_id, id) INCLUDE (${READ_COLUMNS})`
        : `(user_id, id, ${READ_COLUMNS})`;
    await queryRunner.query(`CREATE INDEX idx_earnings_user_rows ON earnings ${columns}`);
    await queryRunner.query('DROP INDEX idx_earnings_user_id');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX idx_earnings_user_id ON earnings (user_id, id)');
    await queryRunner.query('DROP INDEX idx_earnings_user_rows');
  }
}
