import { Controller, Get, Header, Headers, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { AuditAction, DomainError, ErrorCode, RequestSubject, type PayoutsPage, type PayoutView } from '@app/contracts';
import { ServiceClient } from '@app/platform';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Readable } from 'node:stream';
import { AuditTrail } from '../audit/audit-trail';
import { AnyUser, CurrentPrincipal, OwnUserData } from '../auth/access.decorators';
import type { Principal } from '../auth/principal';
import { ApiErrors, ApiInput } from '../http/api-docs';
import { idempotencyKeyFrom } from '../http/idempotency-key';
import { Input } from '../http/input.decorator';
import { UserNames } from '../users/user-names';
import { UserIdParams } from '../users/users.dto';
import {
  BalanceResponse,
  CreatePayoutsInput,
  ExportPayoutsQuery,
  FailPayoutInput,
  ListPayoutsQuery,
  PAYOUTS_CSV_HEADER,
  payoutCsvLine,
  PayoutIdParams,
  PayoutResponse,
  PayoutsCreatedResponse,
  PayoutsPageResponse,
  toBalanceResponse,
  toPayoutResponse,
} from './payouts.dto';

const DEFAULT_PAGE_SIZE = 20;
/** Payouts per request while the CSV is written: each page is one NATS message, well under its 1 MB limit. */
const EXPORT_PAGE_SIZE = 500;
/** The audit log keeps at most this many user ids per entry. */
const MAX_AUDITED_USERS = 16;

const onlyOwnPayouts = (principal: Principal): DomainError =>
  new DomainError(
    ErrorCode.AuthForbidden,
    `This user token may read only user ${principal.kind === 'user' ? principal.userId : ''}'s payouts`,
  );

/** Holds, balances and payouts: members get paid what has cleared. Writes are for admin keys only. */
@ApiTags('payouts')
@Controller()
export class PayoutsController {
  constructor(
    private readonly services: ServiceClient,
    private readonly audit: AuditTrail,
    private readonly userNames: UserNames,
  ) {}

  /** Where a user's earnings are: on hold, available, in a payout, paid. They add up to `total_earnings`. */
  @Get('balance/:user_id')
  @OwnUserData()
  @ApiOperation({ summary: "A user's balance: pending, available, in payout, paid, and the next release" })
  @ApiOkResponse({ type: BalanceResponse })
  @ApiErrors(400, 404, 503)
  async balance(@Param() params: UserIdParams): Promise<BalanceResponse> {
    const userId = params.user_id;
    const [, balance] = await Promise.all([
      this.services.request(RequestSubject.GetUser, { userId }),
      this.services.request(RequestSubject.GetBalance, { userId }),
    ]);
    return toBalanceResponse(balance);
  }

  /**
   * Pays out every user whose available balance reaches the minimum (or only `user_id`): one payout each, of
   * exactly that amount. An `Idempotency-Key` makes a retry return the first answer.
   */
  @Post('payouts')
  @ApiOperation({
    summary: 'Pay out what has cleared: one payout per user whose available balance reaches the minimum',
  })
  @ApiInput(CreatePayoutsInput)
  @ApiHeader({ name: 'idempotency-key', required: false, description: 'A retry returns the first answer' })
  @ApiCreatedResponse({ type: PayoutsCreatedResponse })
  @ApiErrors(400, 404, 409, 503)
  async create(
    @Input() input: CreatePayoutsInput,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<PayoutsCreatedResponse> {
    const { key } = idempotencyKeyFrom(idempotencyKey);
    if (input.user_id !== undefined) {
      await this.services.request(RequestSubject.GetUser, { userId: input.user_id });
    }
    const { payouts } = await this.services.request(RequestSubject.CreatePayouts, {
      runKey: key,
      userId: input.user_id,
    });
    await this.audit.record(
      principal,
      AuditAction.PayoutsCreated,
      payouts.slice(0, MAX_AUDITED_USERS).map((payout) => payout.userId),
      { payouts: payouts.length, amount_paise: payouts.reduce((sum, payout) => sum + payout.amountPaise, 0) },
    );
    return { payouts: payouts.map(toPayoutResponse) };
  }

  /** The bank run's CSV: `payout_id,user_id,name,amount,status,created_at,paid_at`, newest first. */
  @Get('payouts/export.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiOperation({ summary: 'Payouts as CSV for the bank run, newest first, written page by page' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ schema: { type: 'string' }, description: 'Columns: ' + PAYOUTS_CSV_HEADER.trim() })
  @ApiErrors(400, 503)
  async exportCsv(@Query() query: ExportPayoutsQuery): Promise<StreamableFile> {
    // The first page is read before the answer starts, so that a service that is down is still a clean 503.
    const first = await this.exportPage(query, undefined);
    return new StreamableFile(Readable.from(this.csvLines(query, first)));
  }

  @Get('payouts')
  @AnyUser()
  @ApiOperation({ summary: 'Payouts, newest first, a page at a time (a user token sees only its own)' })
  @ApiOkResponse({ type: PayoutsPageResponse })
  @ApiErrors(400, 503)
  async list(@Query() query: ListPayoutsQuery, @CurrentPrincipal() principal: Principal): Promise<PayoutsPageResponse> {
    let userId = query.user_id;
    if (principal.kind === 'user') {
      if (userId !== undefined && userId !== principal.userId) {
        throw onlyOwnPayouts(principal);
      }
      userId = principal.userId;
    }
    const page = await this.services.request(RequestSubject.ListPayouts, {
      userId,
      status: query.status,
      beforePayoutId: query.cursor,
      limit: query.limit ?? DEFAULT_PAGE_SIZE,
    });
    return { payouts: page.payouts.map(toPayoutResponse), next_cursor: page.nextCursor };
  }

  @Get('payouts/:payout_id')
  @AnyUser()
  @ApiOperation({ summary: 'One payout (admin, or the payee with their user token)' })
  @ApiOkResponse({ type: PayoutResponse })
  @ApiErrors(400, 404, 503)
  async get(@Param() params: PayoutIdParams, @CurrentPrincipal() principal: Principal): Promise<PayoutResponse> {
    const payout = await this.services.request(RequestSubject.GetPayout, { payoutId: params.payout_id });
    if (principal.kind === 'user' && payout.userId !== principal.userId) {
      throw onlyOwnPayouts(principal);
    }
    return toPayoutResponse(payout);
  }

  /** The money reached the payee. Repeating it is harmless; a failed payout cannot be completed (409). */
  @Post('payouts/:payout_id/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark a processing payout paid' })
  @ApiOkResponse({ type: PayoutResponse })
  @ApiErrors(400, 404, 409, 503)
  async complete(@Param() params: PayoutIdParams, @CurrentPrincipal() principal: Principal): Promise<PayoutResponse> {
    const payout = await this.services.request(RequestSubject.CompletePayout, { payoutId: params.payout_id });
    await this.auditMove(principal, AuditAction.PayoutCompleted, payout);
    return toPayoutResponse(payout);
  }

  /** The transfer failed: its amount is available again. Repeating it is harmless; a paid payout cannot fail (409). */
  @Post('payouts/:payout_id/fail')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark a processing payout failed; its amount returns to available' })
  @ApiInput(FailPayoutInput)
  @ApiOkResponse({ type: PayoutResponse })
  @ApiErrors(400, 404, 409, 503)
  async fail(
    @Param() params: PayoutIdParams,
    @Input() input: FailPayoutInput,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PayoutResponse> {
    const payout = await this.services.request(RequestSubject.FailPayout, {
      payoutId: params.payout_id,
      reason: input.reason ?? 'No reason given',
    });
    await this.auditMove(principal, AuditAction.PayoutFailed, payout);
    return toPayoutResponse(payout);
  }

  private auditMove(principal: Principal, action: AuditAction, payout: PayoutView): Promise<void> {
    return this.audit.record(principal, action, [payout.userId], {
      payout_id: payout.payoutId,
      amount_paise: payout.amountPaise,
      status: payout.status,
    });
  }

  private exportPage(query: ExportPayoutsQuery, beforePayoutId: number | undefined): Promise<PayoutsPage> {
    return this.services.request(RequestSubject.ListPayouts, {
      status: query.status,
      beforePayoutId,
      limit: EXPORT_PAGE_SIZE,
    });
  }

  /** The CSV, a page of payouts at a time, with each payee's name. */
  private async *csvLines(query: ExportPayoutsQuery, first: PayoutsPage): AsyncGenerator<string> {
    yield PAYOUTS_CSV_HEADER;
    for (let page: PayoutsPage | null = first; page;) {
      const names = await this.userNames.of([...new Set(page.payouts.map((payout) => payout.userId))]);
      yield page.payouts.map((payout) => payoutCsvLine(payout, names.get(payout.userId) ?? '')).join('');
      page = page.nextCursor === null ? null : await this.exportPage(query, page.nextCursor);
    }
  }
}
