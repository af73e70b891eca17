import { RequestSubject } from '@app/contracts';
import type { ServiceClient } from '@app/platform';

/** A user as a commissions test needs it in the copy of the tree: a referrer (or none) and an active flag. */
export interface TestMember {
  userId: number;
  referredBy?: number | null;
  isActive?: boolean;
}

/**
 * Tells a commissions service under test about users, as the gateway passes on what referrals answered: its
 * purchases pay the upline this copy holds, and its reads know no other users. Each call is a newer version.
 */
export async function joinMembers(client: ServiceClient, members: readonly TestMember[]): Promise<void> {
  lastVersion += 1;
  await client.request(RequestSubject.ApplyMemberChanges, {
    changes: members.map(({ userId, referredBy = null, isActive = true }) => ({
      userId,
      name: `User ${userId}`,
      referredBy,
      isActive,
      version: lastVersion,
    })),
  });
}

let lastVersion = 0;
