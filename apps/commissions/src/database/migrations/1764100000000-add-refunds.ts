import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Refunds, and the reversals they write into earnings (negative amounts linked to the refund). */
export class AddRefunds1764100000000 implements MigrationInterface {
  name = 'AddRefunds1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'refunds',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'refund_key', type: 'varchar', length: '200', isUnique: true },
          { name: 'purchase_id', type: 'integer' },
          { name: 'amount_paise', type: 'bigint' },
          { name: 'created_at', type: 'varchar', length: '30' },
        ],
        foreignKeys: [
          { columnNames: ['purchase_id'], referencedTableName: 'purchases', referencedColumnNames: ['id'] },
        ],
      }),
    );
    await queryRunner.createIndex(
      'refunds',
      new TableIndex({ name: 'idx_refunds_purchase', columnNames: ['purchase_id'] }),
    );
    await queryRunner.addColumn(
      'purchases',
      new TableColumn({ name: 'refunded_paise', type: 'bigint', isNullable: false, default: 0 }),
    );
    await queryRunner.addColumn('earnings', new TableColumn({ name: 'refund_id', type: 'integer', isNullable: true }));
    await queryRunner.createIndex(
      'earnings',
      new TableIndex({ name: 'idx_earnings_purchase', columnNames: ['purchase_id'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('earnings', 'idx_earnings_purchase');
    await queryRunner.dropColumn('earnings', 'refund_id');
    await queryRunner.dropColumn('purchases', 'refunded_paise');
    await queryRunner.dropTable('refunds');
  }
}
