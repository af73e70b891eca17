import { DatabaseServiceConfig, loadConfig, ToInt } from '@app/platform';
import { MAX_LEVELS } from '@app/contracts';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsInt,
  IsNotEmpty,
  IsString,
  Max,
  Min,
  ValidateBy,
  type ValidationArguments,
} from 'class-validator';
import type { CommissionRules } from './purchases/commission-rules';

/** Reads `500,100` into `[500, 100]`; anything that is not a list of whole numbers fails `@IsInt({ each })`. */
const ToIntList = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string'
      ? value.split(',').map((item) => (/^\d+$/.test(item.trim()) ? Number(item) : NaN))
      : value,
  );

/** One cap for every level, or one per configured level. */
const OneOrOnePerLevel = (): PropertyDecorator =>
  ValidateBy({
    name: 'oneOrOnePerLevel',
    validator: {
      validate: (caps: unknown, { object }: ValidationArguments) =>
        Array.isArray(caps) &&
        (caps.length === 1 || caps.length === (object as CommissionsConfig).COMMISSION_RATES_BP.length),
      defaultMessage: () => 'give one cap for every level, or one per level of COMMISSION_RATES_BP',
    },
  });

export class CommissionsConfig extends DatabaseServiceConfig {
  @IsString()
  @IsNotEmpty()
  override DATABASE_URL = '.data/commissions.sqlite';

  /** Port of the operations listener: `/health`, `/ready` and `/metrics` over HTTP. */
  @ToInt()
  @IsInt()
  @Min(0)
  @Max(65_535)
  OPS_PORT = 3_003;

  /** Interface the operations listener binds to. */
  @IsString()
  HOST = '127.0.0.1';

  /**
   * Level rates in basis points, level 1 first: `500,100` is 5% and 1%. The list's length is the depth that
   * pays (1 to 5 levels); above it nobody earns.
   */
  @ToIntList()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LEVELS)
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(10_000, { each: true })
  COMMISSION_RATES_BP: number[] = [500, 100];

  /** A purchase qualifies at this amount (paise) or more: ₹1000. */
  @ToInt()
  @IsInt()
  @Min(1)
  QUALIFYING_AMOUNT_PAISE = 100_000;

  /** The most a user earns per level, in total (paise): one value for every level (₹1000), or one per level. */
  @ToIntList()
  @OneOrOnePerLevel()
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(1_000_000_000, { each: true })
  CAP_PER_LEVEL_PAISE: number[] = [100_000];

  /**
   * How long a credit is held before it becomes payable (seconds; 30 days, the shop's refund window): it counts
   * in earnings, the cap and the leaderboard at once. 0 makes credits payable at once.
   */
  @ToInt()
  @IsInt()
  @Min(0)
  @Max(10 * 365 * 86_400)
  COMMISSION_HOLD_SECONDS = 30 * 86_400;

  /** The smallest payout (paise; ₹100): a user whose available balance is below it is not paid out. */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(100_000_000_000)
  PAYOUT_MINIMUM_PAISE = 10_000;

  /** How often unpublished events are retried (ms). */
  @ToInt()
  @IsInt()
  @Min(10)
  OUTBOX_RETRY_MS = 500;

  get rules(): CommissionRules {
    const caps = this.CAP_PER_LEVEL_PAISE;
    return {
      levels: this.COMMISSION_RATES_BP.map((rateBasisPoints, index) => ({
        level: index + 1,
        rateBasisPoints,
        capPaise: caps.length === 1 ? caps[0] : caps[index],
      })),
      qualifyingAmountPaise: this.QUALIFYING_AMOUNT_PAISE,
    };
  }
}

export const loadCommissionsConfig = (): CommissionsConfig => loadConfig(CommissionsConfig);

/** The injection token of the validated configuration. */
export const COMMISSIONS_CONFIG = Symbol('COMMISSIONS_CONFIG');
