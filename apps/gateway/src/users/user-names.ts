import { Injectable } from '@nestjs/common';
import { RequestSubject } from '@app/contracts';
import { ServiceClient } from '@app/platform';

/** Enough names for every leaderboard a page shows many times over; the oldest go first. */
const MAX_CACHED_NAMES = 100_000;

/**
 * Users' names, remembered by the gateway. A name is set once and never changes (there is no rename, and users
 * are never deleted), so a name once read is true for good: the leaderboard asks referrals only for names it has
 * not seen, which after the first request is usually none.
 */
@Injectable()
export class UserNames {
  private readonly names = new Map<number, string>();

  constructor(private readonly services: ServiceClient) {}

  async of(userIds: number[]): Promise<Map<number, string>> {
    const missing = userIds.filter((id) => !this.names.has(id));
    if (missing.length > 0) {
      const fetched = await this.services.request(RequestSubject.GetUserNames, { userIds: missing });
      for (const [id, name] of Object.entries(fetched)) {
        this.remember(Number(id), name);
      }
    }
    return new Map(userIds.map((id) => [id, this.names.get(id) ?? '']));
  }

  private remember(userId: number, name: string): void {
    if (this.names.size >= MAX_CACHED_NAMES) {
      // A Map iterates in insertion order: the first key is the oldest.
      this.names.delete(this.names.keys().next().value as number);
    }
    this.names.set(userId, name);
  }
}
