import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { RequestSubject } from '@app/contracts';
import { ServiceClient } from '@app/platform';
import { OwnUserData } from '../auth/access.decorators';
import { PurchaseIdParams } from '../refunds/refunds.dto';
import { UserIdParams } from '../users/users.dto';
import {
  toEarningsCsv,
  toPurchaseDetailResponse,
  toTransactionsResponse,
  TransactionsQuery,
  type PurchaseDetailResponse,
  type TransactionsResponse,
} from './history.dto';

const DEFAULT_PAGE_SIZE = 20;

@Controller()
export class HistoryController {
  constructor(private readonly services: ServiceClient) {}

  /** A purchase explained: each commission with its rate, cap room and active flag, and its refunds. */
  @Get('purchase/:purchase_id')
  async purchase(@Param() params: PurchaseIdParams): Promise<PurchaseDetailResponse> {
    return toPurchaseDetailResponse(
      await this.services.request(RequestSubject.GetPurchase, { purchaseId: params.purchase_id }),
    );
  }

  /** A user's purchases, newest first: `GET /transactions/5?limit=20&cursor=…`. */
  @Get('transactions/:user_id')
  @OwnUserData()
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
  async exportEarnings(@Param() params: UserIdParams): Promise<string> {
    const userId = params.user_id;
    const [, rows] = await Promise.all([
      this.services.request(RequestSubject.GetUser, { userId }),
      this.services.request(RequestSubject.ExportEarnings, { userId }),
    ]);
    return toEarningsCsv(rows);
  }
}
