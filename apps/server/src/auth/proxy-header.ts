import { timingSafeEqual } from 'node:crypto';
import type { AppConfig } from '../config.js';
import { AuthError, isValidId, type AuthStrategy } from './identity.js';

type HeaderConfig = AppConfig['auth']['header'];

/** The header a proxy sends to prove it is the proxy, when `AUTH_PROXY_SECRET` is set. */
export const PROXY_SECRET_HEADER = 'x-threadline-proxy-secret';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Identity set by a trusted reverse proxy (e.g. an SSO gateway) in `AUTH_HEADER_USER` and
 * `AUTH_HEADER_ORG`. Enable only behind a proxy that strips these headers from client requests;
 * `AUTH_PROXY_SECRET` additionally requires the proxy to send a shared secret.
 */
export function proxyHeaderStrategy(config: HeaderConfig): AuthStrategy {
  return async (request) => {
    const userId = request.headers.get(config.userHeader);
    if (userId === null) return undefined;
    if (config.proxySecret !== undefined) {
      const given = request.headers.get(PROXY_SECRET_HEADER);
      if (given === null || !sameSecret(given, config.proxySecret)) {
        throw new AuthError(
          'invalid_token',
          'The identity header did not come from the trusted proxy',
        );
      }
    }
    if (!isValidId(userId.trim()))
      throw new AuthError('invalid_token', 'The identity header is invalid');
    const org = request.headers.get(config.orgHeader)?.trim();
    return {
      userId: userId.trim(),
      tenantId: org && isValidId(org) ? org : undefined,
      method: 'header',
    };
  };
}
