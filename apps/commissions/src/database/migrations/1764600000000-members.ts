import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `members`: commissions' copy of the referral tree (name, referrer, active flag), kept from referrals' member
 * changes, so that a purchase reads its buyer's upline here and the reads that show earnings next to the tree
 * (`/referrals`, the leaderboard's names, a 404 for an unknown user) are one query. `version` is the newest
 * change applied.
 */
export class Members1764600000000 implements MigrationInterface {
  name = 'Members1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE members (
         user_id integer PRIMARY KEY,
         name varchar(100) NOT NULL,
         referred_by integer NULL,
         is_active boolean NOT NULL,
         version integer NOT NULL
       )`,
    );
    await queryRunner.query('CREATE INDEX idx_members_referred_by ON members (referred_by)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE members');
  }
}
