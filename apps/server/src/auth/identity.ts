import { parse } from 'hono/utils/cookie';
import type { AuthMethod } from '../config.js';

/** Who is calling: the owner of every thread, item and attachment the request touches. */
export interface Identity {
  userId: string;
  /** Organization/tenant, when the credentials carry one. */
  tenantId?: string | undefined;
  method: AuthMethod;
  /** A cookie to set on the response (anonymous mode issues one on first contact). */
  setCookie?: string | undefined;
}

/** Missing or invalid credentials: answered with 401 and this (client-safe) message. */
export class AuthError extends Error {
  constructor(
    readonly code: 'unauthorized' | 'invalid_token' | 'token_expired',
    message: string,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

/**
 * One way to authenticate. Returns undefined when the request carries no credentials of this kind
 * (the next method is tried), an identity when they are valid, and throws `AuthError` when they are
 * present but invalid (no fallback to a weaker method).
 */
export type AuthStrategy = (request: Request) => Promise<Identity | undefined>;

/** Resolves the caller of a request or throws `AuthError`. Pluggable: pass your own to `createApp`. */
export type Authenticate = (request: Request) => Promise<Identity>;

/** Ids become store keys and log fields: keep them printable and bounded. */
export function isValidId(value: string): boolean {
  if (value.length === 0 || value.length > 256) return false;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return false;
  }
  return true;
}

/** The bearer token of `Authorization: Bearer …`, if any. */
export function bearerToken(request: Request): string | undefined {
  const header = request.headers.get('authorization');
  if (!header) return undefined;
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  return match?.[1]?.trim() || undefined;
}

/** One cookie's value from the `Cookie` header (Hono's parser: quoted and %-encoded values). */
export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get('cookie');
  return header ? parse(header, name)[name] : undefined;
}
