import { Injectable } from '@nestjs/common';
import {
  type AuditDetails,
  type AuditEntry,
  type AuditPage,
  type ListAuditRequest,
  type RecordAuditRequest,
} from '@app/contracts';
import { TransactionRunner } from '@app/platform';
import { In } from 'typeorm';
import { AuditEntryRow } from './audit-entry.entity';
import { auditDetailsTooLong } from './audit.errors';
import { AuditTargetRow } from './audit-target.entity';

/** Details are a few ids and amounts; a cap keeps a careless caller from filling the table. */
const MAX_DETAILS_LENGTH = 2_000;

/** The audit log: append an entry with its target users in one transaction, list newest first. */
@Injectable()
export class AuditService {
  constructor(private readonly db: TransactionRunner) {}

  async record({ actor, action, userIds, details = {} }: RecordAuditRequest): Promise<{ auditId: number }> {
    const detailsJson = JSON.stringify(details);
    if (detailsJson.length > MAX_DETAILS_LENGTH) {
      throw auditDetailsTooLong(MAX_DETAILS_LENGTH);
    }
    const targets = [...new Set(userIds)];
    const auditId = await this.db.write(async (manager) => {
      const { identifiers } = await manager.insert(AuditEntryRow, {
        actor,
        action,
        details: detailsJson,
        createdAt: new Date().toISOString(),
      });
      const id = Number((identifiers[0] as { id: number }).id);
      if (targets.length > 0) {
        await manager.insert(
          AuditTargetRow,
          targets.map((userId) => ({ userId, auditId: id })),
        );
      }
      return id;
    });
    return { auditId };
  }

  /** Entries newest first, optionally only those about one user; `limit` per page with a cursor. */
  async list({ userId, beforeId, limit }: ListAuditRequest): Promise<AuditPage> {
    return this.db.read(async (manager) => {
      const query = manager
        .createQueryBuilder(AuditEntryRow, 'entry')
        .orderBy('entry.id', 'DESC')
        .limit(limit + 1);
      if (userId !== undefined) {
        query.innerJoin(AuditTargetRow, 'target', 'target.audit_id = entry.id AND target.user_id = :userId', {
          userId,
        });
      }
      if (beforeId !== undefined) {
        query.andWhere('entry.id < :beforeId', { beforeId });
      }
      const rows = await query.getMany();
      const page = rows.slice(0, limit);
      const targets = page.length
        ? await manager.find(AuditTargetRow, { where: { auditId: In(page.map((row) => row.id)) } })
        : [];
      const usersOf = (auditId: number): number[] =>
        targets
          .filter((target) => target.auditId === auditId)
          .map((target) => target.userId)
          .sort((a, b) => a - b);
      return {
        entries: page.map((row) => toEntry(row, usersOf(row.id))),
        nextCursor: rows.length > limit ? page[page.length - 1].id : null,
      };
    });
  }
}

function toEntry(row: AuditEntryRow, userIds: number[]): AuditEntry {
  return {
    auditId: row.id,
    actor: row.actor,
    action: row.action,
    userIds,
    details: JSON.parse(row.details) as AuditDetails,
    timestamp: row.createdAt,
  };
}
