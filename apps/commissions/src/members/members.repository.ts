import { Injectable } from '@nestjs/common';
import type { IndirectTreeMember, MemberChange, ReferralTree, TreeMember } from '@app/contracts';
import type { LedgerTx } from '../ledger/ledger.repository';
import { execute, Sql, type Row } from '../ledger/sql';
import type { UplineMember } from '../purchases/commission-rules';

/** A buyer and the chain above them: `upline[0]` is level 1 (the buyer's referrer), and so on. */
export interface Upline {
  buyer: UplineMember;
  upline: UplineMember[];
}

/**
 * The statements on `members`, commissions' copy of the referral tree. They run inside the ledger's units of
 * work (`LedgerRepository.read` and `.write`), so a read sees the copy and the earnings at one moment.
 */
@Injectable()
export class MembersRepository {
  /** Applies a change unless the copy already holds that version or a newer one; true when it applied. */
  async apply(tx: LedgerTx, change: MemberChange): Promise<boolean> {
    const rows = await execute(tx.manager, tx.dialect, APPLY_CHANGE, { ...change });
    return rows.length > 0;
  }

  /** The buyer and up to `levels` members above them, nearest first; null for a user the copy does not hold. */
  async uplineOf(tx: LedgerTx, userId: number, levels: number): Promise<Upline | null> {
    const rows = await execute(tx.manager, tx.dialect, UPLINE, { userId, levels });
    if (rows.length === 0) {
      return null;
    }
    const [buyer, ...upline] = rows.map((row) => ({ id: row.int('user_id'), isActive: row.bool('is_active') }));
    return { buyer, upline };
  }

  async exists(tx: LedgerTx, userId: number): Promise<boolean> {
    return (await execute(tx.manager, tx.dialect, MEMBER_EXISTS, { userId })).length > 0;
  }

  /** The user's referrals two levels deep, each level ordered by id; null for a user the copy does not hold. */
  async treeOf(tx: LedgerTx, userId: number): Promise<ReferralTree | null> {
    const rows = await execute(tx.manager, tx.dialect, TREE, { userId });
    if (rows.length === 0 || rows[0].int('depth') !== 0) {
      return null;
    }
    const atDepth = (depth: number) => rows.filter((row) => row.int('depth') === depth);
    return {
      userId,
      direct: atDepth(1).map(treeMember),
      indirect: atDepth(2).map((row): IndirectTreeMember => ({ ...treeMember(row), via: row.int('referred_by') })),
    };
  }
}

function treeMember(row: Row): TreeMember {
  return { id: row.int('user_id'), name: row.text('name'), isActive: row.bool('is_active') };
}

const APPLY_CHANGE = new Sql(
  'apply member change',
  `INSERT INTO members (user_id, name, referred_by, is_active, version)
   VALUES (:userId, :name, :referredBy, :isActive, :version)
   ON CONFLICT (user_id) DO UPDATE
     SET name = excluded.name, referred_by = excluded.referred_by, is_active = excluded.is_active,
         version = excluded.version
     WHERE excluded.version > members.version
   RETURNING user_id`,
);

const UPLINE = new Sql(
  'upline',
  `WITH RECURSIVE chain(user_id, referred_by, is_active, depth) AS (
     SELECT user_id, referred_by, is_active, 0 FROM members WHERE user_id = :userId
     UNION ALL
     SELECT m.user_id, m.referred_by, m.is_active, c.depth + 1 FROM members m JOIN chain c ON m.user_id = c.referred_by
     WHERE c.depth < :levels
   )
   SELECT user_id, is_active FROM chain ORDER BY depth`,
);

const MEMBER_EXISTS = new Sql('member exists', 'SELECT 1 AS found FROM members WHERE user_id = :userId');

/** The user, then both levels below, in one statement. */
const TREE = new Sql(
  'referral tree',
  `SELECT 0 AS depth, user_id, name, is_active, referred_by FROM members WHERE user_id = :userId
   UNION ALL
   SELECT 1, user_id, name, is_active, referred_by FROM members WHERE referred_by = :userId
   UNION ALL
   SELECT 2, g.user_id, g.name, g.is_active, g.referred_by
   FROM members g JOIN members d ON g.referred_by = d.user_id WHERE d.referred_by = :userId
   ORDER BY depth, user_id`,
);
