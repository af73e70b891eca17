import { DatabaseServiceConfig, loadConfig, ToInt } from '@app/platform';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsInt, IsNotEmpty, IsString, Max, Min } from 'class-validator';
import type { CommissionRules } from './purchases/commission-rules';

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

  /** Level rates in basis points, level 1 first: `500,100` is 5% and 1%. */
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string'
      ? value.split(',').map((rate) => (/^\d+$/.test(rate.trim()) ? Number(rate) : NaN))
      : value,
  )
  @ArrayMinSize(2)
  @ArrayMaxSize(2)
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(10_000, { each: true })
  COMMISSION_RATES_BP: number[] = [500, 100];

  /** A purchase qualifies at this amount (paise) or more: ₹1000. */
  @ToInt()
  @IsInt()
  @Min(1)
  QUALIFYING_AMOUNT_PAISE = 100_000;

  /** The most a user earns per level, in total (paise): ₹1000. */
  @ToInt()
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  CAP_PER_LEVEL_PAISE = 100_000;

  /** How often unpublished earning events are retried (ms). */
  @ToInt()
  @IsInt()
  @Min(10)
  OUTBOX_RETRY_MS = 500;

  get rules(): CommissionRules {
    const [level1, level2] = this.COMMISSION_RATES_BP;
    return {
      ratesBasisPoints: { 1: level1, 2: level2 },
      qualifyingAmountPaise: this.QUALIFYING_AMOUNT_PAISE,
      capPerLevelPaise: this.CAP_PER_LEVEL_PAISE,
    };
  }
}

export const loadCommissionsConfig = (): CommissionsConfig => loadConfig(CommissionsConfig);

/** The injection token of the validated configuration. */
export const COMMISSIONS_CONFIG = Symbol('COMMISSIONS_CONFIG');
