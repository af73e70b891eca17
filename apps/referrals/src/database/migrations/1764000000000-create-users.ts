import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

export class CreateUsers1764000000000 implements MigrationInterface {
  name = 'CreateUsers1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'users',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'name', type: 'varchar', length: '100', isNullable: false },
          { name: 'referred_by', type: 'integer', isNullable: true },
          { name: 'is_active', type: 'boolean', isNullable: false, default: true },
          { name: 'created_at', type: 'timestamp', isNullable: false, default: 'CURRENT_TIMESTAMP' },
        ],
        foreignKeys: [{ columnNames: ['referred_by'], referencedTableName: 'users', referencedColumnNames: ['id'] }],
      }),
    );
    await queryRunner.createIndex(
      'users',
      new TableIndex({ name: 'idx_users_referred_by', columnNames: ['referred_by'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('users');
  }
}
