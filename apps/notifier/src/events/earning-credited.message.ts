import { EventSubject, IsId, MAX_LEVELS, type EarningCredited, type Level } from '@app/contracts';
import { plainToInstance } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, Max, Min, NotEquals, validateSync } from 'class-validator';

/** An EarningCredited event as it arrives from JetStream, validated where it is received. */
export class EarningCreditedMessage implements EarningCredited {
  @IsId()
  earningId!: number;

  @IsId()
  userId!: number;

  @IsInt()
  @Min(1)
  @Max(MAX_LEVELS)
  level!: Level;

  /** Negative for a refund's reversal of an earlier credit. */
  @IsInt()
  @NotEquals(0)
  amountPaise!: number;

  @IsId()
  sourceUserId!: number;

  @IsId()
  purchaseId!: number;

  @IsInt()
  @Min(0)
  totalEarningsPaise!: number;

  @IsISO8601({ strict: true })
  timestamp!: string;

  /** Absent in events written before refunds existed: read as null. */
  @IsOptional()
  @IsId()
  refundId!: number | null;
}

/** Reads a message body; null when it is not a well-formed credit (logged by the caller, never streamed). */
export function decodeEarningCredited(json: string): EarningCredited | null {
  const value = parseJsonObject(json);
  return value && validEarningCredited(value);
}

/** A JSON object, or null for anything else (malformed JSON included). */
export function parseJsonObject(json: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(json);
    return isObject(value) ? value : null;
  } catch {
    return null;
  }
}

/**
 * The credits a message holds, parsed but not yet checked: an `EarningCredited` event (a reversal) is one, a
 * purchase's carries a list (none in events from before purchases carried them), other subjects hold none.
 * Null when malformed.
 */
export function creditsIn(subject: string, json: string): Record<string, unknown>[] | null {
  const reversal = subject === (EventSubject.EarningCredited as string);
  if (!reversal && subject !== (EventSubject.PurchaseRecorded as string)) {
    return [];
  }
  const body = parseJsonObject(json);
  if (!body) {
    return null;
  }
  if (reversal) {
    return [body];
  }
  const { credits = [] } = body;
  return Array.isArray(credits) && credits.every(isObject) ? credits : null;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The credit a parsed body holds, checked field by field; null when it is not a well-formed credit. */
export function validEarningCredited(value: Record<string, unknown>): EarningCredited | null {
  const message = plainToInstance(EarningCreditedMessage, value);
  return validateSync(message, { stopAtFirstError: true }).length === 0 ? message : null;
}
