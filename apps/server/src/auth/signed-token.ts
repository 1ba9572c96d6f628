import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a signed token carries: subject, optional organization, expiry (seconds since epoch). */
export interface SignedClaims {
  sub: string;
  org?: string | undefined;
  exp: number;
  iat: number;
}

const PREFIX = 'tl1';

const mac = (key: string, data: string): Buffer => createHmac('sha256', key).update(data).digest();

/**
 * A compact HMAC-SHA256 token: `tl1.<base64url(json claims)>.<base64url(mac)>`. Used for session
 * cookies and anonymous-visitor cookies.
 */
export function signClaims(key: string, claims: SignedClaims): string {
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const data = `${PREFIX}.${body}`;
  return `${data}.${mac(key, data).toString('base64url')}`;
}

export type VerifyResult =
  | { ok: true; claims: SignedClaims }
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

/** Checks the MAC (constant time) and the expiry of a token made by {@link signClaims}. */
export function verifyClaims(
  key: string,
  token: string,
  nowSeconds = Date.now() / 1000,
): VerifyResult {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== PREFIX) return { ok: false, reason: 'malformed' };
  const expected = mac(key, `${parts[0]}.${parts[1]}`);
  const given = Buffer.from(parts[2]!, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'bad_signature' };
  }
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const c = claims as Partial<SignedClaims>;
  if (typeof c.sub !== 'string' || typeof c.exp !== 'number' || typeof c.iat !== 'number') {
    return { ok: false, reason: 'malformed' };
  }
  if (c.org !== undefined && typeof c.org !== 'string') return { ok: false, reason: 'malformed' };
  if (c.exp <= nowSeconds) return { ok: false, reason: 'expired' };
  return { ok: true, claims: c as SignedClaims };
}

/** True when `token` looks like one of ours (not a JWT). */
export const isSignedToken = (token: string): boolean => token.startsWith(`${PREFIX}.`);
