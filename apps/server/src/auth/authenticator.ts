import { randomBytes } from 'node:crypto';
import type { AppConfig, AuthMethod } from '../config.js';
import { anonymousStrategy } from './anonymous.js';
import { AuthError, type Authenticate, type AuthStrategy } from './identity.js';
import { jwtStrategy } from './jwt.js';
import { proxyHeaderStrategy } from './proxy-header.js';
import { sessionStrategy } from './session.js';

/**
 * The built-in authenticator: the methods in `THREADLINE_AUTH`, tried in order. The first method
 * that finds its kind of credentials decides (invalid credentials are a 401, never a fallback to
 * anonymous). With no method enabled every request is a 401.
 */
export function createAuthenticator(
  auth: AppConfig['auth'],
  /** Signs anonymous-visitor cookies; random per process when not given. */
  anonymousKey: string = randomBytes(32).toString('hex'),
): Authenticate {
  const strategies: AuthStrategy[] = auth.methods.map((method: AuthMethod): AuthStrategy => {
    switch (method) {
      case 'jwt':
        return jwtStrategy(auth.jwt);
      case 'session':
        return sessionStrategy({ ...auth.session, secret: auth.session.secret ?? '' });
      case 'header':
        return proxyHeaderStrategy(auth.header);
      case 'anonymous':
        return anonymousStrategy(anonymousKey, auth.session);
    }
  });
  return async (request) => {
    for (const strategy of strategies) {
      const identity = await strategy(request);
      if (identity) return identity;
    }
    throw new AuthError(
      'unauthorized',
      strategies.length === 0
        ? 'Authentication is not configured on this server'
        : 'Authentication required',
    );
  };
}
