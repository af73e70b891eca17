import { loadConfig, ServiceConfig, ToInt } from '@app/platform';
import { IsInt, IsString, IsUrl, Max, Min } from 'class-validator';

export class GatewayConfig extends ServiceConfig {
  @ToInt()
  @IsInt()
  @Min(0)
  @Max(65_535)
  PORT = 3000;

  /** Interface to listen on. */
  @IsString()
  HOST = '127.0.0.1';

  /** Where the notifier serves its SSE streams; `/events/*` is proxied there. */
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  NOTIFIER_URL = 'http://127.0.0.1:3001';
}

export const loadGatewayConfig = (): GatewayConfig => loadConfig(GatewayConfig);
