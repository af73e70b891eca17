import { Controller, Header, Inject, Post } from '@nestjs/common';
import { AuditAction } from '@app/contracts';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditTrail } from '../audit/audit-trail';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { ApiErrors, ApiInput } from '../http/api-docs';
import { Input } from '../http/input.decorator';
import { AdminKeyOnly, CurrentPrincipal } from './access.decorators';
import { forbidden, tokenTtlTooLong } from './auth.errors';
import type { Principal } from './principal';
import { MintSessionInput, SessionTokenResponse } from './session-tokens.dto';
import { SessionTokens } from './session-tokens';

@ApiTags('sessions')
@Controller('session')
export class SessionTokensController {
  constructor(
    private readonly sessions: SessionTokens,
    private readonly audit: AuditTrail,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /**
   * Mints a session token for the calling admin API key: `POST /session?ttl=3600` → 201. The token may do what
   * the key may until it expires (15 minutes by default, 12 hours at most), so an operator's browser holds it
   * in a page's address instead of the key. Only the key itself may mint one: a session cannot renew itself.
   */
  @Post()
  @AdminKeyOnly()
  @ApiOperation({ summary: 'Mint a short-lived session token that acts for the calling admin API key' })
  @ApiInput(MintSessionInput)
  @ApiCreatedResponse({ type: SessionTokenResponse, description: 'The token, its key, scopes and expiry' })
  @ApiErrors(400, 503)
  @Header('Cache-Control', 'no-store')
  async mint(
    @Input() input: MintSessionInput,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SessionTokenResponse> {
    if (principal.kind !== 'api-key') {
      throw forbidden('Only an API key may mint a session token'); // the access rule already refused it
    }
    const ttl = input.ttl ?? this.config.SESSION_TTL_SECONDS;
    if (ttl > this.config.SESSION_MAX_TTL_SECONDS) {
      throw tokenTtlTooLong(this.config.SESSION_MAX_TTL_SECONDS);
    }
    const minted = this.sessions.mint(principal.keyId, principal.scopes, ttl);
    const expiresAt = minted.expiresAt.toISOString();
    await this.audit.record(principal, AuditAction.SessionMinted, [], {
      token_id: minted.tokenId,
      expires_at: expiresAt,
    });
    return {
      token: minted.token,
      token_type: 'Bearer',
      key_id: principal.keyId,
      scopes: [...principal.scopes].sort(),
      expires_at: expiresAt,
      expires_in: ttl,
      dashboard_url: `/static/index.html?token=${minted.token}`,
    };
  }
}
