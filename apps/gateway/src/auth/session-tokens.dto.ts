import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Scope } from './scopes';

export class MintSessionInput {
  /** Lifetime in seconds; SESSION_TTL_SECONDS (15 min) when omitted, at most SESSION_MAX_TTL_SECONDS (12 h). */
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    description: 'Lifetime in seconds; SESSION_TTL_SECONDS (900) when omitted, at most SESSION_MAX_TTL_SECONDS (43200)',
    example: 3600,
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value,
  )
  @IsInt({ message: 'ttl must be a whole number of seconds' })
  @Min(1, { message: 'ttl must be at least 1 second' })
  @Max(24 * 60 * 60, { message: 'ttl must be at most a day' })
  ttl?: number;
}

export class SessionTokenResponse {
  @ApiProperty({ description: 'The session token (a JWT): send it as `Authorization: Bearer <token>`' })
  token!: string;

  @ApiProperty({ enum: ['Bearer'] })
  token_type!: 'Bearer';

  @ApiProperty({ description: 'The API key the session acts for', example: 'ops' })
  key_id!: string;

  @ApiProperty({
    description: "The key's scopes, which the session has too",
    enum: Object.values(Scope),
    isArray: true,
  })
  scopes!: Scope[];

  @ApiProperty({ description: 'When the token stops working (ISO 8601, UTC)', example: '2026-01-01T12:15:00.000Z' })
  expires_at!: string;

  @ApiProperty({ type: 'integer', description: 'Its lifetime in seconds', example: 900 })
  expires_in!: number;

  @ApiProperty({
    description: 'The dashboard with this token in its address, relative to the gateway',
    example: '/static/index.html?token=eyJ…',
  })
  dashboard_url!: string;
}
