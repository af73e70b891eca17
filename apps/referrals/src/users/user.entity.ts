import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** The referrer: set once, never changed. */
  @Index('idx_users_referred_by')
  @Column({ name: 'referred_by', type: 'integer', nullable: true })
  referredBy!: number | null;

  @Column({ name: 'is_active', type: 'boolean', default: true })
  isActive!: boolean;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  /** 1 when created, one more with each change: orders the copies of the user other services keep. */
  @Column({ type: 'integer', default: 1 })
  version!: number;
}
