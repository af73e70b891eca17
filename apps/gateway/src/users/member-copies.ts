import { Injectable } from '@nestjs/common';
import { memberChangeOf, RequestSubject, type UserView } from '@app/contracts';
import { ServiceClient } from '@app/platform';

/**
 * Passes a user change that referrals committed (and the audit trail recorded) on to commissions' copy of the
 * tree, before the gateway answers it: a deactivation, referral or new user answered 2xx applies to every
 * purchase and shows in every read after it. When commissions cannot take it, the request answers 503 though
 * the change is made; the copy still gets it from the USERS stream, and a repeated deactivation or
 * reactivation passes it on again.
 */
@Injectable()
export class MemberCopies {
  constructor(private readonly services: ServiceClient) {}

  async passOn(user: UserView): Promise<void> {
    await this.services.request(RequestSubject.ApplyMemberChanges, { changes: [memberChangeOf(user)] });
  }
}
