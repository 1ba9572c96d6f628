import { decodeProtectedHeader, errors as joseErrors, jwtVerify, SignJWT } from 'jose';

/** What a session token carries: subject, optional organization, expiry (seconds since epoch). */
export interface SessionClaims {
  sub: string;
  org?: string | undefined;
  exp: number;
  iat: number;
}

/**
 * The JWT `typ` of the app's own tokens (session and anonymous-visitor cookies). It keeps them
 * apart from the JWTs an identity provider issues, which the `jwt` strategy verifies instead.
 */
const SESSION_TYP = 'threadline-session+jwt';

const keyOf = (secret: string): Uint8Array => new TextEncoder().encode(secret);

/** Signs `claims` as an HS256 JWT typed {@link SESSION_TYP}. */
export async function signSessionToken(secret: string, claims: SessionClaims): Promise<string> {
  const { sub, org, iat, exp } = claims;
  return new SignJWT(org === undefined ? {} : { org })
    .setProtectedHeader({ alg: 'HS256', typ: SESSION_TYP })
    .setSubject(sub)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(keyOf(secret));
}

export type VerifyResult =
  | { ok: true; claims: SessionClaims }
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

/** Checks the signature, the type and the expiry of a token made by {@link signSessionToken}. */
export async function verifySessionToken(secret: string, token: string): Promise<VerifyResult> {
  if (!isSessionToken(token)) return { ok: false, reason: 'malformed' };
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), {
      algorithms: ['HS256'],
      typ: SESSION_TYP,
      requiredClaims: ['sub', 'iat', 'exp'],
    });
    const { sub, org, iat, exp } = payload;
    if (typeof sub !== 'string' || typeof iat !== 'number' || typeof exp !== 'number') {
      return { ok: false, reason: 'malformed' };
    }
    if (org !== undefined && typeof org !== 'string') return { ok: false, reason: 'malformed' };
    return { ok: true, claims: { sub, iat, exp, ...(org === undefined ? {} : { org }) } };
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) return { ok: false, reason: 'expired' };
    if (error instanceof joseErrors.JWSSignatureVerificationFailed) {
      return { ok: false, reason: 'bad_signature' };
    }
    return { ok: false, reason: 'malformed' };
  }
}

/** True when `token` is one of the app's own tokens (by its JWT header), not a provider's JWT. */
export function isSessionToken(token: string): boolean {
  try {
    return decodeProtectedHeader(token).typ === SESSION_TYP;
  } catch {
    return false;
  }
}
