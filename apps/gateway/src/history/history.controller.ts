import { Controller, Get, Header, Param, Query, StreamableFile } from '@nestjs/common';
import { Readable } from 'node:stream';
import { RequestSubject, type Earning } from '@app/contracts';
import { ServiceClient } from '@app/platform';
import { OwnUserData } from '../auth/access.decorators';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../http/api-docs';
import { PurchaseIdParams } from '../refunds/refunds.dto';
import { UserIdParams } from '../users/users.dto';
import {
  PurchaseDetailResponse,
  EARNINGS_CSV_HEADER,
  earningsCsvLines,
  toPurchaseDetailResponse,
  toTransactionsResponse,
  TransactionsQuery,
  TransactionsResponse,
} from './history.dto';

const DEFAULT_PAGE_SIZE = 20;
/** Earnings per request while the CSV is written, page by page. */
const CSV_PAGE_SIZE = 1_000;

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
  async exportEarnings(@Param() params: UserIdParams): Promise<StreamableFile> {
    const userId = params.user_id;
    // The user and the first page are read before the answer starts: a 404 or a 503 is still a clean error.
    const [, first] = await Promise.all([
      this.services.request(RequestSubject.GetUser, { userId }),
      this.earningsAfter(userId, 0),
    ]);
    return new StreamableFile(Readable.from(this.csvLines(userId, first)));
  }

  /** A page of a user's earnings, oldest first: one NATS message each, well under its 1 MB limit. */
  private earningsAfter(userId: number, afterEarningId: number): Promise<Earning[]> {
    return this.services.request(RequestSubject.GetEarningsSince, { userId, afterEarningId, limit: CSV_PAGE_SIZE });
  }

  private async *csvLines(userId: number, first: Earning[]): AsyncGenerator<string> {
    yield EARNINGS_CSV_HEADER;
    for (let page = first; page.length > 0;) {
      yield earningsCsvLines(page);
      page = page.length < CSV_PAGE_SIZE ? [] : await this.earningsAfter(userId, page[page.length - 1].earningId);
    }
  }
}
