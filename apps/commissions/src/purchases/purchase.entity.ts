import type { CommissionView } from '@app/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** PostgreSQL returns BIGINT as a string; purchase amounts fit a JS number exactly (at most 10^11 paise). */
const bigintAsNumber = { to: (value: number) => value, from: (value: string | number) => Number(value) };

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

  /** The commissions as answered, statuses included, so that a replay returns the first response. */
  @Column({ type: 'simple-json' })
  commissions!: CommissionView[];

  /** ISO 8601 UTC. */
  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;
}
