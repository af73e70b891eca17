import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The audit log of administrator actions, and the users each entry is about. The targets' primary key starts
 * with `user_id`, so "newest entries about user N" is an index range on both SQLite and PostgreSQL.
 */
export class CreateAuditLog1764200000000 implements MigrationInterface {
  name = 'CreateAuditLog1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'audit_log',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'actor', type: 'varchar', length: '64', isNullable: false },
          { name: 'action', type: 'varchar', length: '40', isNullable: false },
          { name: 'details', type: 'text', isNullable: false },
          { name: 'created_at', type: 'varchar', length: '30', isNullable: false },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'audit_targets',
        columns: [
          { name: 'user_id', type: 'integer', isPrimary: true },
          { name: 'audit_id', type: 'integer', isPrimary: true },
        ],
        foreignKeys: [{ columnNames: ['audit_id'], referencedTableName: 'audit_log', referencedColumnNames: ['id'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('audit_targets');
    await queryRunner.dropTable('audit_log');
  }
}
