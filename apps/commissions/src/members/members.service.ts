import { Injectable } from '@nestjs/common';
import type { MemberChange } from '@app/contracts';
import { LedgerRepository } from '../ledger/ledger.repository';
import { MembersRepository } from './members.repository';

/**
 * Keeps `members`, the copy of the referral tree, up to date. Changes come twice: from the gateway, before it
 * answers a user change (so that the API's next read shows it), and from the USERS stream (so that a change
 * the gateway could not pass on still arrives). Versions make the order and the repeats harmless.
 */
@Injectable()
export class MembersService {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly members: MembersRepository,
  ) {}

  /** Applies the changes in one transaction; returns how many were newer than the copy. */
  apply(changes: readonly MemberChange[]): Promise<number> {
    return this.ledger.write(async (tx) => {
      let applied = 0;
      for (const change of changes) {
        applied += (await this.members.apply(tx, change)) ? 1 : 0;
      }
      return applied;
    });
  }
}
