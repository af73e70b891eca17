import { Entity, PrimaryColumn } from 'typeorm';

/** Links an audit entry to each user it was about, so entries are found by user through an index. */
@Entity('audit_targets')
export class AuditTargetRow {
  @PrimaryColumn({ name: 'user_id', type: 'integer' })
  userId!: number;

  @PrimaryColumn({ name: 'audit_id', type: 'integer' })
  auditId!: number;
}
