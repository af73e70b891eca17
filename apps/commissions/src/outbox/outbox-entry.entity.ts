import type { EarningCredited } from '@app/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An earning event waiting to reach JetStream. Written in the same transaction as the credit, so an event
 * exists exactly when its credit committed; deleted once JetStream has acknowledged it.
 */
@Entity('outbox')
export class OutboxEntry {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'simple-json' })
  payload!: EarningCredited;
}
