import { Controller, Header, Inject, Param, Post } from '@nestjs/common';
import { AuditAction, RequestSubject } from '@app/contracts';
import { ServiceClient } from '@app/platform';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiInput } from '../http/api-docs';
import { AuditTrail } from '../audit/audit-trail';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { Input } from '../http/input.decorator';
import { UserIdParams } from '../users/users.dto';
import { CurrentPrincipal } from './access.decorators';
import { tokenTtlTooLong } from './auth.errors';
import type { Principal } from './principal';
import { MintTokenInput, type UserTokenResponse } from './user-tokens.dto';
import { UserTokens } from './user-tokens';

@ApiTags('users')
@Controller('user')
export class UserTokensController {
  constructor(
    private readonly services: ServiceClient,
    private readonly tokens: UserTokens,
    private readonly audit: AuditTrail,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /**
   * Mints a user token (admin only): `POST /user/1/token?ttl=3600` → 201. The token lets a browser read that
   * user's earnings, referrals, transactions and live events, and the leaderboard, until it expires. Minted
   * through an operator's session, it expires with the session at the latest.
   */
  @Post(':user_id/token')
  @ApiOperation({ summary: "Mint a user token that reads one user's own data until it expires" })
  @ApiInput(MintTokenInput)
  @ApiCreatedResponse({ description: 'The token, its id and when it expires' })
  @ApiErrors(400, 404, 503)
  @Header('Cache-Control', 'no-store')
  async mint(
    @Param() params: UserIdParams,
    @Input() input: MintTokenInput,
    @CurrentPrincipal() principal: Principal,
  ): Promise<UserTokenResponse> {
    const requestedTtl = input.ttl ?? this.config.TOKEN_TTL_SECONDS;
    if (requestedTtl > this.config.TOKEN_MAX_TTL_SECONDS) {
      throw tokenTtlTooLong(this.config.TOKEN_MAX_TTL_SECONDS);
    }
    const ttl = principal.kind === 'session' ? Math.min(requestedTtl, secondsLeft(principal.expiresAt)) : requestedTtl;
    const user = await this.services.request(RequestSubject.GetUser, { userId: params.user_id });
    const minted = this.tokens.mint(user.id, ttl);
    const expiresAt = minted.expiresAt.toISOString();
    await this.audit.record(principal, AuditAction.TokenMinted, [user.id], {
      token_id: minted.tokenId,
      expires_at: expiresAt,
    });
    return {
      token: minted.token,
      token_type: 'Bearer',
      user_id: user.id,
      expires_at: expiresAt,
      expires_in: ttl,
      dashboard_url: `/static/index.html?user_id=${user.id}&token=${minted.token}`,
    };
  }
}

/**
 * What an operator's session has left, in whole seconds (at least 1: the session was checked valid just now). A
 * user token minted through a session expires with it at the latest, so a short-lived session cannot hand out
 * month-long access.
 */
function secondsLeft(expiresAt: Date, now = Date.now()): number {
  return Math.max(1, Math.floor((expiresAt.getTime() - now) / 1000));
}
