import { formatRupees, IsId, paiseToRupees, PayoutStatus, type BalanceView, type PayoutView } from '@app/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsString, Length } from 'class-validator';
import { ApiId, ApiLimit, ApiRupees } from '../http/api-docs';
import { IsPageLimit } from '../http/page-limit';

export class PayoutIdParams {
  @ApiId('A payout id', 4)
  @IsId()
  payout_id!: number;
}

export class CreatePayoutsInput {
  /** Pay out only this user; omitted pays everyone whose available balance reaches the minimum. */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'Only this user; omitted: everyone who qualifies' })
  @IsOptional()
  @IsId()
  user_id?: number;
}

export class FailPayoutInput {
  /** Why the transfer failed, as the bank said it. */
  @ApiPropertyOptional({ description: 'Why the transfer failed (1–500 characters)', example: 'Account closed' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}

export class ListPayoutsQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'Only this user (a user token sees only its own)' })
  @IsOptional()
  @IsId()
  user_id?: number;

  @ApiPropertyOptional({ enum: PayoutStatus })
  @IsOptional()
  @IsEnum(PayoutStatus, { message: `status must be one of ${Object.values(PayoutStatus).join(', ')}` })
  status?: PayoutStatus;

  /** `next_cursor` of the previous page. */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: '`next_cursor` of the previous page' })
  @IsOptional()
  @IsId()
  cursor?: number;

  /** 1–100, default 20. */
  @ApiLimit('Payouts per page', 100, 20)
  @IsPageLimit(100)
  limit?: number;
}

export class ExportPayoutsQuery {
  @ApiPropertyOptional({
    enum: PayoutStatus,
    description: 'Only payouts in this status (e.g. processing, for the bank run)',
  })
  @IsOptional()
  @IsEnum(PayoutStatus, { message: `status must be one of ${Object.values(PayoutStatus).join(', ')}` })
  status?: PayoutStatus;
}

export class PayoutResponse {
  @ApiId('The payout', 4)
  payout_id!: number;

  @ApiId('The payee', 2)
  user_id!: number;

  @ApiRupees('What is paid: the available balance when the payout was made', 125)
  amount!: number;

  @ApiProperty({ enum: PayoutStatus, example: PayoutStatus.Processing })
  status!: PayoutStatus;

  @ApiProperty({ format: 'date-time', example: '2026-01-02T03:04:05.678Z' })
  created_at!: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: 'string', example: null })
  paid_at!: string | null;

  @ApiProperty({ nullable: true, type: 'string', example: null })
  failure_reason!: string | null;
}

export class PayoutsCreatedResponse {
  @ApiProperty({ type: [PayoutResponse], description: 'One per user paid; empty when no one qualified' })
  payouts!: PayoutResponse[];
}

export class PayoutsPageResponse {
  @ApiProperty({ type: [PayoutResponse], description: 'Newest first' })
  payouts!: PayoutResponse[];

  @ApiProperty({ type: 'integer', nullable: true, description: 'Pass as `cursor` for the next page; null on the last' })
  next_cursor!: number | null;
}

export class BalanceResponse {
  @ApiId('The user', 2)
  user_id!: number;

  @ApiRupees('Credits, net of their reversals, still on hold', 50)
  pending!: number;

  @ApiRupees('Released and in no payout, less clawbacks of paid-out credits (can be negative)', 25)
  available!: number;

  @ApiRupees('In payouts still processing', 0)
  in_payout!: number;

  @ApiRupees('In completed payouts', 100)
  paid!: number;

  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: 'string',
    description: 'When the next held credit is payable',
  })
  next_release_at!: string | null;

  @ApiRupees('pending + available + in_payout + paid, read together: the total earnings', 175)
  total_earnings!: number;
}

export const toPayoutResponse = (payout: PayoutView): PayoutResponse => ({
  payout_id: payout.payoutId,
  user_id: payout.userId,
  amount: paiseToRupees(payout.amountPaise),
  status: payout.status,
  created_at: payout.createdAt,
  paid_at: payout.paidAt,
  failure_reason: payout.failureReason,
});

export const toBalanceResponse = (balance: BalanceView): BalanceResponse => ({
  user_id: balance.userId,
  pending: paiseToRupees(balance.pendingPaise),
  available: paiseToRupees(balance.availablePaise),
  in_payout: paiseToRupees(balance.inPayoutPaise),
  paid: paiseToRupees(balance.paidPaise),
  next_release_at: balance.nextReleaseAt,
  total_earnings: paiseToRupees(balance.totalPaise),
});

export const PAYOUTS_CSV_HEADER = 'payout_id,user_id,name,amount,status,created_at,paid_at\n';

/**
 * One CSV line; the name is quoted (names are free text), everything else is digits, a status or a time. A name
 * that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`) is prefixed with `'` so it stays text.
 */
export function payoutCsvLine(payout: PayoutView, name: string): string {
  const text = /^[=+\-@\t\r]/.test(name) ? `'${name}` : name;
  const quoted = `"${text.replace(/"/g, '""')}"`;
  return `${payout.payoutId},${payout.userId},${quoted},${formatRupees(payout.amountPaise)},${payout.status},${payout.createdAt},${payout.paidAt ?? ''}\n`;
}
