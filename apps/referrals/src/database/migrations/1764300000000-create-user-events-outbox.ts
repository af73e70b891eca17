import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The outbox of user events (created, referred, status changed), drained to the JetStream stream USERS. */
export class CreateUserEventsOutbox1764300000000 implements MigrationInterface {
  name = 'CreateUserEventsOutbox1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'user_events_outbox',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'subject', type: 'varchar', length: '60', isNullable: false },
          { name: 'payload', type: 'text', isNullable: false },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('user_events_outbox');
  }
}
