import type { EventSubject } from '@app/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The subjects the referrals outbox carries. */
export type UserEventSubject =
  EventSubject.UserCreated | EventSubject.UserReferred | EventSubject.UserStatusChanged | EventSubject.MemberChanged;

/**
 * A user event waiting to reach JetStream (stream USERS). Written in the same transaction as the change it
 * announces, so an event exists exactly when its change committed; deleted once JetStream has acknowledged it.
 */
@Entity('user_events_outbox')
export class UserEventRow {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 60 })
  subject!: UserEventSubject;

  /** The event's JSON, text so that SQLite and PostgreSQL store it alike. */
  @Column({ type: 'text' })
  payload!: string;
}
