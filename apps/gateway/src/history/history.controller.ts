import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { RequestSubject } from '@app/contracts';
import { ServiceClient } from '@app/platform';
import { OwnUserData } from '../auth/access.decorators';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../http/api-docs';
import { PurchaseIdParams } from '../refunds/refunds.dto';
import { UserIdParams } from '../users/users.dto';
import {
  PurchaseDetailResponse,
  toEarningsCsv,
  toPurchaseDetailResponse,
  toTransactionsResponse,
  TransactionsQuery,
  TransactionsResponse,
} from './history.dto';

const DEFAULT_PAGE_SIZE = 20;

const CSV_DESCRIPTION =
  'Columns: earning_id, timestamp, type (credit or reversal), level, amount, source_user_id, purchase_id, refund_id';

@ApiTags('history')
@Controller()
export class HistoryController {
  constructor(private readonly services: ServiceClient) {}

  /** A purchase explained: each commission with its rate, cap room and active flag, and its refunds. */
  @Get('purchase/:purchase_id')
  @ApiOperation({ summary: 'A purchase explained: each commission with its rate, cap room and why, and its refunds' })
  @ApiOkResponse({ type: PurchaseDetailResponse })
  @ApiErrors(400, 404, 503)
  async purchase(@Param() params: PurchaseIdParams): Promise<PurchaseDetailResponse> {
    return toPurchaseDetailResponse(
      await this.services.request(RequestSubject.GetPurchase, { purchaseId: params.purchase_id }),
    );
  }

  /** A user's purchases, newest first: `GET /transactions/5?limit=20&cursor=…`. */
  @Get('transactions/:user_id')
  @OwnUserData()
  @ApiOperation({ summary: "A buyer's purchases, newest first, a page at a time" })
  @ApiOkResponse({ type: TransactionsResponse })
  @ApiErrors(400, 404, 503)
  async transactions(@Param() params: UserIdParams, @Query() query: TransactionsQuery): Promise<TransactionsResponse> {
    const userId = params.user_id;
    const [, page] = await Promise.all([
      this.services.request(RequestSubject.GetUser, { userId }),
      this.services.request(RequestSubject.ListTransactions, {
        userId,
        beforePurchaseId: query.cursor,
        limit: query.limit ?? DEFAULT_PAGE_SIZE,
      }),
    ]);
    return toTransactionsResponse(page);
  }

  /** Every earning and reversal of a user as CSV, for accounting. */
  @Get('earnings/:user_id/export.csv')
  @OwnUserData()
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiOperation({ summary: 'Every earning and reversal of a user as CSV, oldest first' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ schema: { type: 'string' }, description: CSV_DESCRIPTION })
  @ApiErrors(400, 404, 503)
  async exportEarnings(@Param() params: UserIdParams): Promise<string> {
    const userId = params.user_id;
    const [, rows] = await Promise.all([
      this.services.request(RequestSubject.GetUser, { userId }),
      this.services.request(RequestSubject.ExportEarnings, { userId }),
    ]);
    return toEarningsCsv(rows);
  }
}
