import type { MigrationInterface, QueryRunner } from 'typeorm';
import { EventSubject } from '@app/contracts';

/**
 * Users get a version (counting their changes), and every user already here is announced once as a member
 * change, so that commissions' copy of the tree (built from the USERS stream) starts with all of them.
 */
export class MemberVersions1764600000000 implements MigrationInterface {
  name = 'MemberVersions1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE users ADD COLUMN version integer NOT NULL DEFAULT 1');
    const member =
      queryRunner.connection.options.type === 'postgres'
        ? `json_build_object('userId', id, 'name', name, 'referredBy', referred_by, 'isActive', is_active,
             'version', version)::text`
        : `json_object('userId', id, 'name', name, 'referredBy', referred_by,
             'isActive', json(CASE WHEN is_active THEN 'true' ELSE 'false' END), 'version', version)`;
    await queryRunner.query(
      `INSERT INTO user_events_outbox (subject, payload)
       SELECT '${EventSubject.MemberChanged}', ${member} FROM users ORDER BY id`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM user_events_outbox WHERE subject = '${EventSubject.MemberChanged}'`);
    await queryRunner.query('ALTER TABLE users DROP COLUMN version');
  }
}
