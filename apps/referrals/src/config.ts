import { DatabaseServiceConfig, loadConfig, ToInt } from '@app/platform';
import { IsInt, IsNotEmpty, IsString, Max, Min } from 'class-validator';

export class ReferralsConfig extends DatabaseServiceConfig {
  @IsString()
  @IsNotEmpty()
  override DATABASE_URL = '.data/referrals.sqlite';

  /** Port of the operations listener: `/health`, `/ready` and `/metrics` over HTTP. */
  @ToInt()
  @IsInt()
  @Min(0)
  @Max(65_535)
  OPS_PORT = 3_002;

  /** Interface the operations listener binds to. */
  @IsString()
  HOST = '127.0.0.1';

  /** How often unpublished user events (the outbox) are retried (ms). */
  @ToInt()
  @IsInt()
  @Min(10)
  OUTBOX_RETRY_MS = 500;
}

export const loadReferralsConfig = (): ReferralsConfig => loadConfig(ReferralsConfig);
