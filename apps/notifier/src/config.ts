import { loadConfig, ServiceConfig, ToInt } from '@app/platform';
import { IsInt, IsString, Max, Min } from 'class-validator';

export class NotifierConfig extends ServiceConfig {
  /** Port of the SSE endpoint (the gateway's NOTIFIER_URL points here). */
  @ToInt()
  @IsInt()
  @Min(0)
  @Max(65_535)
  PORT = 3001;

  /** Interface to listen on. */
  @IsString()
  HOST = '127.0.0.1';

  /**
   * How often an idle stream gets a comment line, so that proxies and browsers keep it open. Below the
   * gateway proxy's 300 s body timeout.
   */
  @ToInt()
  @IsInt()
  @Min(50)
  @Max(120_000)
  KEEPALIVE_MS = 15_000;

  /**
   * Events one connection may have waiting while its client does not read; past this the client is
   * disconnected and will catch up by reconnecting with Last-Event-ID.
   */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(100_000)
  SSE_MAX_BUFFERED_EVENTS = 1_000;
}

export const loadNotifierConfig = (): NotifierConfig => loadConfig(NotifierConfig);
