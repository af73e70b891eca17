import { loadConfig, ServiceConfig, ToInt } from '@app/platform';
import { IsInt, IsString, Max, Min } from 'class-validator';

export class GatewayConfig extends ServiceConfig {
  @ToInt()
  @IsInt()
  @Min(0)
  @Max(65_535)
  PORT = 3000;

  /** Interface to listen on. */
  @IsString()
  HOST = '127.0.0.1';
}

export const loadGatewayConfig = (): GatewayConfig => loadConfig(GatewayConfig);
