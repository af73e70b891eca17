import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import { AuditModule } from '../audit/audit.module';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { AccessGuard } from './access.guard';
import { ApiKeyRing } from './api-keys';
import { Authenticator } from './authenticator';
import { SessionTokensController } from './session-tokens.controller';
import { SessionTokens } from './session-tokens';
import { UserTokensController } from './user-tokens.controller';
import { UserTokens } from './user-tokens';

/** Credentials, access rules (a global guard) and the minting of user and session tokens. */
@Module({})
export class AuthModule {
  static register(config: GatewayConfig): DynamicModule {
    const secret = config.TOKEN_SECRET ?? ephemeralSecret();
    const tokens = new UserTokens(secret);
    const sessions = new SessionTokens(secret);
    const keys = new ApiKeyRing(config.apiKeys);
    if (keys.size === 0) {
      new Logger('auth').warn('API_KEYS is empty: only the public routes (pages, /health) will answer');
    }
    return {
      module: AuthModule,
      imports: [AuditModule],
      controllers: [UserTokensController, SessionTokensController],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: UserTokens, useValue: tokens },
        { provide: SessionTokens, useValue: sessions },
        { provide: Authenticator, useValue: new Authenticator(keys, tokens, sessions) },
        { provide: APP_GUARD, useClass: AccessGuard },
      ],
      exports: [Authenticator],
    };
  }
}

/** Without TOKEN_SECRET the gateway still works, but its tokens die with the process: say so. */
function ephemeralSecret(): string {
  new Logger('auth').warn(
    'TOKEN_SECRET is not set: user and session tokens are signed with a random secret until restart',
  );
  return randomBytes(32).toString('base64url');
}
