import { IsId, type AuditDetails, type AuditPage } from '@app/contracts';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class AuditQuery {
  /** Only entries about this user. */
  @IsOptional()
  @IsId()
  user_id?: number;

  /** `next_cursor` of the previous page. */
  @IsOptional()
  @IsId()
  cursor?: number;

  /** 1–100, default 50. */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\d{1,4}$/.test(value) ? Number(value) : value,
  )
  @IsInt({ message: 'limit must be an integer from 1 to 100' })
  @Min(1, { message: 'limit must be an integer from 1 to 100' })
  @Max(100, { message: 'limit must be an integer from 1 to 100' })
  limit?: number;
}

export interface AuditResponse {
  /** Newest first. */
  entries: {
    audit_id: number;
    /** The id of the API key that acted. */
    actor: string;
    action: string;
    user_ids: number[];
    details: AuditDetails;
    timestamp: string;
  }[];
  /** Pass as `cursor` for the next page; null on the last. */
  next_cursor: number | null;
}

export const toAuditResponse = (page: AuditPage): AuditResponse => ({
  entries: page.entries.map((entry) => ({
    audit_id: entry.auditId,
    actor: entry.actor,
    action: entry.action,
    user_ids: entry.userIds,
    details: entry.details,
    timestamp: entry.timestamp,
  })),
  next_cursor: page.nextCursor,
});
