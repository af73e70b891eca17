import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What a user has earned, per level and in total: one row per user that has ever been credited. Caps are
 * checked and credits applied against this row under a lock, and the summary and leaderboard read it, so
 * neither ever scans earnings.
 */
@Entity('balances')
export class Balance {
  @PrimaryColumn({ name: 'user_id', type: 'integer' })
  userId!: number;

  @Column({ name: 'level1_paise', type: 'integer' })
  level1Paise!: number;

  @Column({ name: 'level2_paise', type: 'integer' })
  level2Paise!: number;

  @Column({ name: 'total_paise', type: 'integer' })
  totalPaise!: number;
}
