import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { AccessRule } from './access-rules';
import type { Scope } from './scopes';

export const ACCESS_RULE = Symbol('ACCESS_RULE');

/** Who may call this route or controller; without it, admin keys only. */
export const Access = (rule: AccessRule) => SetMetadata(ACCESS_RULE, rule);

/** No credential needed: the platform's marker, which the operations routes of every service carry too. */
export { Public } from '@app/platform';

/** Admin keys themselves, refusing session tokens minted with them. */
export const AdminKeyOnly = () => Access({ kind: 'admin-key' });

/** API keys with `scope` (and admin keys). */
export const RequireScope = (scope: Scope) => Access({ kind: 'scope', scope });

/** Admin keys, and the user token of the user named by the route parameter `param`. */
export const OwnUserData = (param = 'user_id') => Access({ kind: 'own-user', param });

/** Admin keys and any user token. */
export const AnyUser = () => Access({ kind: 'any-user' });

/** The request's caller, as the global guard found it (null on public routes without a credential). */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext) => context.switchToHttp().getRequest<{ principal?: unknown }>().principal,
);
