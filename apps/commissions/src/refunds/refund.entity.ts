import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintAsNumber } from '../database/column-transformers';

/** A refund of part or all of a purchase. Its reversals are the earnings rows that carry its id. */
@Entity('refunds')
export class Refund {
  @PrimaryGeneratedColumn()
  id!: number;

  /** The Idempotency-Key, or an id the gateway made: a refund is applied once per key. */
  @Column({ name: 'refund_key', type: 'varchar', length: 200, unique: true })
  refundKey!: string;

  @Column({ name: 'purchase_id', type: 'integer' })
  purchaseId!: number;

  @Column({ name: 'amount_paise', type: 'bigint', transformer: bigintAsNumber })
  amountPaise!: number;

  /** ISO 8601 UTC. */
  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;
}
