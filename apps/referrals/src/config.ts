import { DatabaseServiceConfig, loadConfig } from '@app/platform';
import { IsNotEmpty, IsString } from 'class-validator';

export class ReferralsConfig extends DatabaseServiceConfig {
  @IsString()
  @IsNotEmpty()
  override DATABASE_URL = '.data/referrals.sqlite';
}

export const loadReferralsConfig = (): ReferralsConfig => loadConfig(ReferralsConfig);
