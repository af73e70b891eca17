import type { AuditAction } from '@app/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One administrator action: who (a credential id), what, and when. Rows are only ever appended. */
@Entity('audit_log')
export class AuditEntryRow {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 64 })
  actor!: string;

  @Column({ type: 'varchar', length: 40 })
  action!: AuditAction;

  /** JSON of the action's facts (ids, amounts); text so that SQLite and PostgreSQL store it alike. */
  @Column({ type: 'text' })
  details!: string;

  /** ISO 8601 UTC, written by the service so both databases return the same text. */
  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;
}
