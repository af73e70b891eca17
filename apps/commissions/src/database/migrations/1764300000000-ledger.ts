import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ledger of any depth:
 * - `balances` becomes one row per (user, level) instead of a column per level, and keeps what its last
 *   credit added (the credit is decided by the cap inside the upsert, and `RETURNING` shows only the new row);
 * - `totals` holds each user's total (the leaderboard's index and the events' running total);
 * - a credit remembers what refunds took back from it (`reversed_paise`), so a refund reverses the rounded
 *   cumulative proportion without summing earlier reversals;
 * - an outbox row names the row it announces (`subject`, `ref_id`) instead of holding a JSON copy of it.
 * Existing rows are carried over, events still waiting included.
 */
export class Ledger1764300000000 implements MigrationInterface {
  name = 'Ledger1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';

    await queryRunner.query(
      `CREATE TABLE level_balances (
         user_id integer NOT NULL,
         level smallint NOT NULL,
         earned_paise bigint NOT NULL,
         last_credit_paise bigint NOT NULL,
         PRIMARY KEY (user_id, level))`,
    );
    await queryRunner.query(
      `INSERT INTO level_balances (user_id, level, earned_paise, last_credit_paise)
       SELECT user_id, 1, level1_paise, 0 FROM balances WHERE level1_paise <> 0
       UNION ALL
       SELECT user_id, 2, level2_paise, 0 FROM balances WHERE level2_paise <> 0`,
    );
    await queryRunner.query('CREATE TABLE totals (user_id integer PRIMARY KEY, total_paise bigint NOT NULL)');
    await queryRunner.query('INSERT INTO totals (user_id, total_paise) SELECT user_id, total_paise FROM balances');
    await queryRunner.query('DROP TABLE balances');
    await queryRunner.query('ALTER TABLE level_balances RENAME TO balances');
    // The leaderboard reads this index in order: total descending, ties by user id ascending.
    await queryRunner.query('CREATE INDEX idx_totals_leaderboard ON totals (total_paise DESC, user_id ASC)');

    await queryRunner.query('ALTER TABLE earnings ADD COLUMN reversed_paise bigint NOT NULL DEFAULT 0');
    await queryRunner.query(
      `UPDATE earnings SET reversed_paise = -(
         SELECT COALESCE(SUM(reversal.amount_paise), 0) FROM earnings reversal
         WHERE reversal.refund_id IS NOT NULL AND reversal.purchase_id = earnings.purchase_id
           AND reversal.user_id = earnings.user_id AND reversal.level = earnings.level)
       WHERE refund_id IS NULL`,
    );
    // Reversals of one refund, for its answer and its replay.
    await queryRunner.query('CREATE INDEX idx_earnings_refund ON earnings (refund_id)');

    const earningSubject = "'commissions.event.earning-credited'";
    if (postgres) {
      await queryRunner.query(`ALTER TABLE outbox ADD COLUMN subject varchar(100) NOT NULL DEFAULT ${earningSubject}`);
      await queryRunner.query('ALTER TABLE outbox ADD COLUMN ref_id integer');
      await queryRunner.query(`UPDATE outbox SET ref_id = CAST(CAST(payload AS json)->>'earningId' AS integer)`);
      await queryRunner.query('ALTER TABLE outbox ALTER COLUMN ref_id SET NOT NULL');
      await queryRunner.query('ALTER TABLE outbox ALTER COLUMN subject DROP DEFAULT');
      await queryRunner.query('ALTER TABLE outbox DROP COLUMN payload');
    } else {
      // SQLite cannot change a column's constraints: build the new table and carry the waiting events over.
      await queryRunner.query(
        `CREATE TABLE outbox_events (
           id INTEGER PRIMARY KEY AUTOINCREMENT,
           subject varchar(100) NOT NULL,
           ref_id integer NOT NULL)`,
      );
      await queryRunner.query(
        `INSERT INTO outbox_events (id, subject, ref_id)
         SELECT id, ${earningSubject}, CAST(json_extract(payload, '$.earningId') AS INTEGER) FROM outbox`,
      );
      await queryRunner.query('DROP TABLE outbox');
      await queryRunner.query('ALTER TABLE outbox_events RENAME TO outbox');
    }
  }

  down(): Promise<void> {
    // Going back would need the JSON copies this migration dropped: restore from a backup instead.
    return Promise.reject(new Error(`${this.name} cannot be reverted; restore the database from a backup`));
  }
}
