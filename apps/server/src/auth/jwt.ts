import {
  createRemoteJWKSet,
  errors as joseErrors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import type { AppConfig } from '../config.js';
import { AuthError, bearerToken, isValidId, type AuthStrategy } from './identity.js';
import { isSessionToken } from './session-token.js';

type JwtConfig = AppConfig['auth']['jwt'];

const ASYMMETRIC = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];

/** A claim by exact name first (URL-style claims contain dots), then as a dotted path. */
function claim(payload: JWTPayload, name: string): unknown {
  if (name in payload) return payload[name];
  let value: unknown = payload;
  for (const key of name.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

const asId = (value: unknown): string | undefined => {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && isValidId(value)) return value;
  return undefined;
};

/**
 * `Authorization: Bearer <JWT>`: HS256 with a shared secret, or any asymmetric algorithm with keys
 * from a JWKS URL. `exp` is required; `nbf`, `iss` and `aud` are checked (the latter two when
 * configured). The user comes from `userClaim` (default `sub`), the organization from `orgClaim`.
 */
export function jwtStrategy(config: JwtConfig): AuthStrategy {
  const key: Uint8Array | JWTVerifyGetKey = config.jwksUrl
    ? createRemoteJWKSet(new URL(config.jwksUrl), {
        cacheMaxAge: 10 * 60_000,
        timeoutDuration: 5_000,
      })
    : new TextEncoder().encode(config.secret ?? '');
  const algorithms = config.jwksUrl ? ASYMMETRIC : ['HS256'];
  return async (request) => {
    const token = bearerToken(request);
    if (token === undefined || isSessionToken(token)) return undefined;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key as Uint8Array, {
        algorithms,
        issuer: config.issuer,
        audience: config.audience,
        clockTolerance: config.clockToleranceSeconds,
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired)
        throw new AuthError('token_expired', 'The token has expired');
      throw new AuthError('invalid_token', 'The token is invalid');
    }
    const userId = asId(claim(payload, config.userClaim));
    if (userId === undefined) {
      throw new AuthError('invalid_token', `The token has no usable "${config.userClaim}" claim`);
    }
    return { userId, tenantId: asId(claim(payload, config.orgClaim)), method: 'jwt' };
  };
}
