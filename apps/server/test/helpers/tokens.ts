import { SignJWT } from 'jose';

export const JWT_SECRET = 'test-secret-test-secret-test-secret-0123456789';
export const SESSION_SECRET = 'session-secret-session-secret-0123456789abcdef';

/** An HS256 token for `sub`, valid for an hour unless overridden. */
export async function jwtFor(
  sub: string,
  options: {
    secret?: string;
    org?: string;
    expiresIn?: string | number;
    notBefore?: string | number;
    issuer?: string;
    audience?: string;
    omitExp?: boolean;
  } = {},
): Promise<string> {
  const jwt = new SignJWT({ ...(options.org ? { org_id: options.org } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuedAt();
  if (!options.omitExp) jwt.setExpirationTime(options.expiresIn ?? '1h');
  if (options.notBefore !== undefined) jwt.setNotBefore(options.notBefore);
  if (options.issuer) jwt.setIssuer(options.issuer);
  if (options.audience) jwt.setAudience(options.audience);
  return jwt.sign(new TextEncoder().encode(options.secret ?? JWT_SECRET));
}
