import type { CommissionDetail } from '@app/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintAsNumber } from '../database/column-transformers';

/** Every purchase, qualifying or not: the transaction log. */
@Entity('purchases')
export class Purchase {
  @PrimaryGeneratedColumn()
  id!: number;

  /** The Idempotency-Key, or an id the gateway made: a purchase is processed once per key. */
  @Column({ name: 'purchase_key', type: 'varchar', length: 200, unique: true })
  purchaseKey!: string;

  @Column({ name: 'buyer_id', type: 'integer' })
  buyerId!: number;

  @Column({ name: 'amount_paise', type: 'bigint', transformer: bigintAsNumber })
  amountPaise!: number;

  @Column({ name: 'is_valid', type: 'boolean' })
  isValid!: boolean;

  @Column({ type: 'varchar', length: 200 })
  note!: string;

  /** The commissions as answered, with why, so that a replay returns the first response. */
  @Column({ type: 'simple-json' })
  commissions!: CommissionDetail[];

  /** The sum of this purchase's refunds: never more than the amount. */
  @Column({ name: 'refunded_paise', type: 'bigint', transformer: bigintAsNumber, default: 0 })
  refundedPaise!: number;

  /** ISO 8601 UTC. */
  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;
}
