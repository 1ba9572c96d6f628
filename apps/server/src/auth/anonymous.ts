import { randomBytes } from 'node:crypto';
import type { AppConfig } from '../config.js';
import { readCookie, type AuthStrategy } from './identity.js';
import { serialize } from 'hono/utils/cookie';
import { signSessionToken, verifySessionToken } from './session-token.js';

export const ANONYMOUS_COOKIE = 'threadline_visitor';
const ONE_YEAR = 365 * 24 * 3600;

/**
 * Anonymous visitors (only when `THREADLINE_AUTH` includes `anonymous`, or in demo mode): each
 * browser gets its own signed visitor cookie, so visitors still never see each other's threads.
 * A request without a valid cookie becomes a new visitor.
 */
export function anonymousStrategy(
  key: string,
  session: AppConfig['auth']['session'],
): AuthStrategy {
  return async (request) => {
    const token = readCookie(request, ANONYMOUS_COOKIE);
    if (token !== undefined) {
      const result = await verifySessionToken(key, token);
      if (result.ok) return { userId: result.claims.sub, method: 'anonymous' };
    }
    const iat = Math.floor(Date.now() / 1000);
    const userId = `anon_${randomBytes(12).toString('hex')}`;
    const visitor = await signSessionToken(key, { sub: userId, iat, exp: iat + ONE_YEAR });
    return {
      userId,
      method: 'anonymous',
      setCookie: serialize(ANONYMOUS_COOKIE, visitor, {
        path: '/',
        httpOnly: true,
        sameSite: 'Lax',
        maxAge: ONE_YEAR,
        secure: session.secureCookie,
      }),
    };
  };
}
