import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Webhook endpoints, the events they are sent, one delivery per event and endpoint, and every try. */
export class CreateWebhooks1764400000000 implements MigrationInterface {
  name = 'CreateWebhooks1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const id = {
      name: 'id',
      type: 'integer',
      isPrimary: true,
      isGenerated: true,
      generationStrategy: 'increment',
    } as const;
    const time = (name: string, isNullable = false) => ({ name, type: 'varchar', length: '30', isNullable });
    await queryRunner.createTable(
      new Table({
        name: 'webhook_endpoints',
        columns: [
          id,
          { name: 'url', type: 'varchar', length: '2000' },
          { name: 'events', type: 'text' },
          { name: 'description', type: 'varchar', length: '500' },
          { name: 'secret_key_id', type: 'varchar', length: '32' },
          { name: 'secret_ciphertext', type: 'text' },
          { name: 'enabled', type: 'boolean' },
          time('created_at'),
          time('failing_since', true),
          time('disabled_at', true),
          { name: 'disabled_reason', type: 'varchar', length: '300', isNullable: true },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'webhook_events',
        columns: [
          id,
          { name: 'source_key', type: 'varchar', length: '200' },
          { name: 'type', type: 'varchar', length: '40' },
          { name: 'body', type: 'text' },
          time('created_at'),
        ],
        indices: [{ name: 'uq_webhook_events_source', columnNames: ['source_key'], isUnique: true }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'webhook_deliveries',
        columns: [
          id,
          { name: 'endpoint_id', type: 'integer' },
          { name: 'event_id', type: 'integer' },
          { name: 'type', type: 'varchar', length: '40' },
          { name: 'status', type: 'varchar', length: '12' },
          { name: 'attempts', type: 'integer' },
          { name: 'last_status_code', type: 'integer', isNullable: true },
          { name: 'last_error', type: 'varchar', length: '300', isNullable: true },
          time('next_attempt_at', true),
          time('created_at'),
          time('delivered_at', true),
        ],
        foreignKeys: [
          {
            columnNames: ['endpoint_id'],
            referencedTableName: 'webhook_endpoints',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
          { columnNames: ['event_id'], referencedTableName: 'webhook_events', referencedColumnNames: ['id'] },
        ],
        indices: [{ name: 'uq_webhook_deliveries_event', columnNames: ['endpoint_id', 'event_id'], isUnique: true }],
      }),
    );
    // The dispatcher's poll: pending deliveries in the order they fall due.
    await queryRunner.createIndex(
      'webhook_deliveries',
      new TableIndex({ name: 'idx_webhook_deliveries_due', columnNames: ['status', 'next_attempt_at'] }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'webhook_attempts',
        columns: [
          id,
          { name: 'delivery_id', type: 'integer' },
          time('attempted_at'),
          { name: 'status_code', type: 'integer', isNullable: true },
          { name: 'error', type: 'varchar', length: '300', isNullable: true },
          { name: 'duration_ms', type: 'integer' },
        ],
        foreignKeys: [
          {
            columnNames: ['delivery_id'],
            referencedTableName: 'webhook_deliveries',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
        indices: [{ name: 'idx_webhook_attempts_delivery', columnNames: ['delivery_id'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('webhook_attempts');
    await queryRunner.dropTable('webhook_deliveries');
    await queryRunner.dropTable('webhook_events');
    await queryRunner.dropTable('webhook_endpoints');
  }
}
