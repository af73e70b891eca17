import type { Level } from '@app/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One credit to one user from one purchase, or (with a refund id and a negative amount) its reversal by a
 * refund. Shares that pay nothing leave no row.
 */
@Entity('earnings')
export class Earning {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId!: number;

  @Column({ type: 'smallint' })
  level!: Level;

  @Column({ name: 'amount_paise', type: 'integer' })
  amountPaise!: number;

  /** The buyer whose purchase paid this credit. */
  @Column({ name: 'source_user_id', type: 'integer' })
  sourceUserId!: number;

  @Column({ name: 'purchase_id', type: 'integer' })
  purchaseId!: number;

  @Column({ name: 'refund_id', type: 'integer', nullable: true })
  refundId!: number | null;

  /** The user's total earnings right after this credit, so replayed SSE events carry the total they had. */
  @Column({ name: 'total_after_paise', type: 'integer' })
  totalAfterPaise!: number;

  /** ISO 8601 UTC. */
  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;
}
