import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every index on `earnings` is written by every credit, and on SQLite each one a credit touches at a random
 * place costs a page written to the WAL at commit: about 10 µs of CPU per index per row on this machine.
 *
 * - `idx_earnings_user_source` goes: "earned from each referral" reads the user's rows through
 *   `idx_earnings_user_id` instead. A user's rows are few (no zero credit is written, and the cap per level
 *   bounds what a user can be credited), so reading all of them costs less than the index cost every credit.
 * - `idx_earnings_refund` keeps only reversals: credits have no refund, and nothing looks them up by a null one.
 */
export class LeanEarningsIndexes1764500000000 implements MigrationInterface {
  name = 'LeanEarningsIndexes1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX idx_earnings_user_source');
    await queryRunner.query('DROP INDEX idx_earnings_refund');
    await queryRunner.query('CREATE INDEX idx_earnings_refund ON earnings (refund_id) WHERE refund_id IS NOT NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX idx_earnings_refund');
    await queryRunner.query('CREATE INDEX idx_earnings_refund ON earnings (refund_id)');
    await queryRunner.query('CREATE INDEX idx_earnings_user_source ON earnings (user_id, source_user_id)');
  }
}
