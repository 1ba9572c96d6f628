import type { AppConfig } from '../config.js';
import { AuthError, bearerToken, isValidId, readCookie, type AuthStrategy } from './identity.js';
import { serialize } from 'hono/utils/cookie';
import { isSessionToken, signSessionToken, verifySessionToken } from './session-token.js';

type SessionConfig = AppConfig['auth']['session'];

/** Mints a session token for `threadline mint-session` (and tests). */
export async function mintSession(
  secret: string,
  options: { userId: string; tenantId?: string | undefined; ttlSeconds: number },
): Promise<string> {
  const iat = Math.floor(Date.now() / 1000);
  return signSessionToken(secret, {
    sub: options.userId,
    ...(options.tenantId ? { org: options.tenantId } : {}),
    iat,
    exp: iat + options.ttlSeconds,
  });
}

/** The `Set-Cookie` value for a session token. */
export function sessionCookie(config: SessionConfig, token: string, maxAgeSeconds: number): string {
  return serialize(config.cookieName, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    maxAge: maxAgeSeconds,
    secure: config.secureCookie,
  });
}

/**
 * A signed session (an HS256 JWT of the app's own type) from the session cookie, or from
 * `Authorization: Bearer <session token>`
 * for API clients. Mint one with `threadline mint-session --user <id>`.
 */
export function sessionStrategy(config: SessionConfig & { secret: string }): AuthStrategy {
  return async (request) => {
    const bearer = bearerToken(request);
    const token =
      bearer !== undefined && isSessionToken(bearer)
        ? bearer
        : readCookie(request, config.cookieName);
    if (token === undefined) return undefined;
    const result = await verifySessionToken(config.secret, token);
    if (!result.ok) {
      if (result.reason === 'expired')
        throw new AuthError('token_expired', 'The session has expired');
      throw new AuthError('invalid_token', 'The session is invalid');
    }
    if (!isValidId(result.claims.sub))
      throw new AuthError('invalid_token', 'The session is invalid');
    return { userId: result.claims.sub, tenantId: result.claims.org, method: 'session' };
  };
}
