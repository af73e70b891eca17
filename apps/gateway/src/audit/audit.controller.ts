import { Controller, Get, Query } from '@nestjs/common';
import { RequestSubject } from '@app/contracts';
import { ServiceClient } from '@app/platform';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../http/api-docs';
import { AuditQuery, toAuditResponse, type AuditResponse } from './audit.dto';

const DEFAULT_PAGE_SIZE = 50;

/** Admin only (no `@Access` rule): the audit log shows who did what to whom. */
@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly services: ServiceClient) {}

  /** Administrator actions, newest first: `GET /audit?user_id=2&limit=50&cursor=…`. */
  @Get()
  @ApiOperation({ summary: 'Administrator actions, newest first, a page at a time' })
  @ApiOkResponse({ description: 'A page of audit entries and the cursor of the next' })
  @ApiErrors(400, 503)
  async list(@Query() query: AuditQuery): Promise<AuditResponse> {
    return toAuditResponse(
      await this.services.request(RequestSubject.ListAudit, {
        userId: query.user_id,
        beforeId: query.cursor,
        limit: query.limit ?? DEFAULT_PAGE_SIZE,
      }),
    );
  }
}
