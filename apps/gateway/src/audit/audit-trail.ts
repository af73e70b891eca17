import { Injectable, Logger } from '@nestjs/common';
import { RequestSubject, type AuditAction, type AuditDetails } from '@app/contracts';
import { ServiceClient } from '@app/platform';
import { principalName, type Principal } from '../auth/principal';

/**
 * Records administrator actions in the audit log (kept by referrals), after they succeeded. Awaited, so an
 * entry can be read back as soon as the action has answered; but a failure to record is logged, not turned
 * into an error: the action already happened, and a client told otherwise would retry it.
 */
@Injectable()
export class AuditTrail {
  private readonly logger = new Logger(AuditTrail.name);

  constructor(private readonly services: ServiceClient) {}

  async record(
    principal: Principal,
    action: AuditAction,
    userIds: number[],
    details: AuditDetails = {},
  ): Promise<void> {
    try {
      await this.services.request(RequestSubject.RecordAudit, {
        actor: principalName(principal),
        action,
        userIds,
        // A session acts as its key: the actor is the key's id, and the session's token id says which browser.
        details: principal.kind === 'session' ? { ...details, session_id: principal.tokenId } : details,
      });
    } catch (error) {
      this.logger.error(
        `Could not record ${action} by ${principalName(principal)} for users ${userIds.join(', ')}: ${String(error)}`,
      );
    }
  }
}
