import { Injectable } from '@nestjs/common';
import { EventSubject, memberChangeOf, userNotFound, type Referral, type UserView } from '@app/contracts';
import { rawQuery, TransactionRunner } from '@app/platform';
import { In, type EntityManager } from 'typeorm';
import { UserEventsOutbox } from '../outbox/user-events.outbox';
import { brokenReferralRule } from './referral-rules';
import { User } from './user.entity';

/** Serialises changes to the tree on PostgreSQL (SQLite units already take turns). Any constant will do. */
const TREE_LOCK_KEY = 7_301_001;

@Injectable()
export class UsersService {
  constructor(
    private readonly db: TransactionRunner,
    private readonly outbox: UserEventsOutbox,
  ) {}

  /** Creates a user and its `user.created` event in one transaction. */
  async create(name: string): Promise<UserView> {
    const view = await this.db.write(async (manager) => {
      const { identifiers } = await manager.insert(User, { name, referredBy: null, isActive: true, version: 1 });
      const created = toView(await manager.findOneByOrFail(User, { id: (identifiers[0] as { id: number }).id }));
      await this.outbox.add(manager, EventSubject.UserCreated, created);
      await this.outbox.add(manager, EventSubject.MemberChanged, memberChangeOf(created));
      return created;
    });
    this.outbox.publishSoon();
    return view;
  }

  async get(userId: number): Promise<UserView> {
    return toView(await this.db.read((manager) => findUser(manager, userId)));
  }

  async names(userIds: number[]): Promise<Record<number, string>> {
    const users = await this.db.read((manager) =>
      manager.find(User, { select: { id: true, name: true }, where: { id: In(userIds) } }),
    );
    return Object.fromEntries(users.map((user) => [user.id, user.name]));
  }

  /** Sets the flag and, in the same transaction, announces it; a repeat changes and announces nothing. */
  async setActive(userId: number, isActive: boolean): Promise<UserView> {
    const user = await this.db.write(async (manager) => {
      const found = await findUser(manager, userId);
      if (found.isActive === isActive) {
        return found;
      }
      const changed = await updateUser(manager, userId, { isActive });
      const timestamp = new Date().toISOString();
      await this.outbox.add(manager, EventSubject.UserStatusChanged, { userId, isActive, timestamp });
      await this.outbox.add(manager, EventSubject.MemberChanged, memberChangeOf(toView(changed)));
      return changed;
    });
    this.outbox.publishSoon();
    return toView(user);
  }

  /**
   * Links `userId` under `referrerId`. The checks and the write happen in one transaction that no other tree
   * change can overlap, so the 8-referral limit and the no-cycle rule hold under concurrent requests. The
   * `user.referred` event is written in that transaction: a refused referral announces nothing.
   */
  async refer(referrerId: number, userId: number): Promise<Referral> {
    const user = await this.db.write(async (manager) => {
      if (this.db.dialect === 'postgres') {
        await manager.query('SELECT pg_advisory_xact_lock($1)', [TREE_LOCK_KEY]);
      }
      await findUser(manager, referrerId);
      const found = await findUser(manager, userId);
      const broken = brokenReferralRule({
        referrerId,
        userId,
        userReferredBy: found.referredBy,
        referrerChain: await chainUpFrom(manager, referrerId),
        referrerDirectCount: await manager.countBy(User, { referredBy: referrerId }),
      });
      if (broken) {
        throw broken;
      }
      const referred = await updateUser(manager, userId, { referredBy: referrerId });
      await this.outbox.add(manager, EventSubject.UserReferred, {
        referrerId,
        userId,
        timestamp: new Date().toISOString(),
      });
      const view = toView(referred);
      await this.outbox.add(manager, EventSubject.MemberChanged, memberChangeOf(view));
      return view;
    });
    this.outbox.publishSoon();
    return { referrerId, userId, user };
  }
}

/**
 * Changes a user and counts the change in its version, in one statement; then reads the user back. The update
 * holds the row's lock until the commit, so what is read is the user as it commits, with a version of its own: on
 * PostgreSQL, a concurrent change of the same user gets the next version, never the same one.
 */
async function updateUser(
  manager: EntityManager,
  userId: number,
  change: Partial<Pick<User, 'isActive' | 'referredBy'>>,
): Promise<User> {
  await manager.update(User, { id: userId }, { ...change, version: () => 'version + 1' });
  return findUser(manager, userId);
}

async function findUser(manager: EntityManager, userId: number): Promise<User> {
  const user = await manager.findOneBy(User, { id: userId });
  if (!user) {
    throw userNotFound(userId);
  }
  return user;
}

/** The user and everyone above it, up to the root. */
async function chainUpFrom(manager: EntityManager, userId: number): Promise<number[]> {
  const rows = await rawQuery<{ id: number }>(
    manager,
    `WITH RECURSIVE chain(id, referred_by) AS (
       SELECT id, referred_by FROM users WHERE id = :userId
       UNION ALL
       SELECT u.id, u.referred_by FROM users u JOIN chain c ON u.id = c.referred_by
     )
     SELECT id FROM chain`,
    { userId },
  );
  return rows.map((row) => Number(row.id));
}

function toView(user: User): UserView {
  return {
    id: user.id,
    name: user.name,
    isActive: user.isActive,
    referredBy: user.referredBy,
    createdAt: user.createdAt.toISOString(),
    version: user.version,
  };
}
