import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class MintTokenInput {
  /** Lifetime in seconds; TOKEN_TTL_SECONDS when omitted, at most TOKEN_MAX_TTL_SECONDS. */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value,
  )
  @IsInt({ message: 'ttl must be a whole number of seconds' })
  @Min(1, { message: 'ttl must be at least 1 second' })
  @Max(365 * 24 * 60 * 60, { message: 'ttl must be at most a year' })
  ttl?: number;
}

export interface UserTokenResponse {
  token: string;
  token_type: 'Bearer';
  user_id: number;
  /** ISO 8601, UTC. */
  expires_at: string;
  expires_in: number;
  /** The dashboard with this token in its address, relative to the gateway. */
  dashboard_url: string;
}
