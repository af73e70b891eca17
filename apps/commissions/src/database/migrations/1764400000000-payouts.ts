import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The default hold (30 days), given to credits recorded before holds existed. */
const EXISTING_HOLD_DAYS = 30;

/**
 * Holds and payouts: each earning row gets the moment it becomes payable (`release_at`; a reversal shares its
 * credit's) and the payout that claimed it (`payout_id`). Payouts and the runs that made them (for
 * Idempotency-Key replays) get tables of their own.
 */
export class Payouts1764400000000 implements MigrationInterface {
  name = 'Payouts1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    await queryRunner.query(
      `CREATE TABLE payouts (
         id ${postgres ? 'SERIAL PRIMARY KEY' : 'INTEGER PRIMARY KEY AUTOINCREMENT'},
         user_id integer NOT NULL,
         amount_paise bigint NOT NULL,
         status varchar(20) NOT NULL,
         created_at varchar(30) NOT NULL,
         paid_at varchar(30),
         failure_reason varchar(500))`,
    );
    await queryRunner.query('CREATE INDEX idx_payouts_user ON payouts (user_id, id)');
    await queryRunner.query('CREATE INDEX idx_payouts_status ON payouts (status, id)');
    await queryRunner.query(
      `CREATE TABLE payout_runs (
         run_key varchar(200) PRIMARY KEY,
         user_id integer,
         response text)`,
    );

    await queryRunner.query('ALTER TABLE earnings ADD COLUMN release_at varchar(30)');
    await queryRunner.query('ALTER TABLE earnings ADD COLUMN payout_id integer');
    const releaseOfPurchase = postgres
      ? `to_char(CAST(p.created_at AS timestamptz) AT TIME ZONE 'UTC' + interval '${EXISTING_HOLD_DAYS} days',
                 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
      : `strftime('%Y-%m-%dT%H:%M:%fZ', p.created_at, '+${EXISTING_HOLD_DAYS} days')`;
    await queryRunner.query(
      `UPDATE earnings SET release_at = (SELECT ${releaseOfPurchase} FROM purchases p WHERE p.id = earnings.purchase_id)`,
    );
    // What is not in a payout yet, per user, by release: the balance's pending and available, and the claim.
    await queryRunner.query(
      'CREATE INDEX idx_earnings_unclaimed ON earnings (user_id, release_at) WHERE payout_id IS NULL',
    );
    await queryRunner.query('CREATE INDEX idx_earnings_payout ON earnings (payout_id) WHERE payout_id IS NOT NULL');
  }

  down(): Promise<void> {
    return Promise.reject(new Error(`${this.name} cannot be reverted; restore the database from a backup`));
  }
}
