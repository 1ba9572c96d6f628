import { base64UrlToBytes, bytesToBase64Url } from '../encoding/base64.js';
import { ConfigurationError, ThreadlineError } from '../errors.js';
import type { Owner } from '../stores/owner.js';

/** What a token lets its bearer do: upload the bytes once, or read an image preview. */
export type AttachmentTokenPurpose = 'upload' | 'preview';

/** The verified content of a token. */
export interface AttachmentToken {
  attachmentId: string;
  owner: Owner;
  purpose: AttachmentTokenPurpose;
  /** Expiry, in milliseconds since the epoch. */
  expiresAt: number;
}

/**
 * A token was refused: `invalid_token` (malformed, tampered, minted for another purpose or
 * attachment) or `token_expired`. The attachment HTTP handlers answer 403 for both.
 */
export class AttachmentTokenError extends ThreadlineError {
  constructor(
    readonly code: 'invalid_token' | 'token_expired',
    message: string,
  ) {
    super(message);
  }
}

export interface AttachmentTokenSignerOptions {
  /** HMAC-SHA256 key: at least 32 bytes (a string is taken as UTF-8). Keep it out of source control. */
  secret: string | Uint8Array;
  /** Clock in milliseconds; tests move it. */
  now?: () => number;
}

/** Wire form of the payload: short keys keep URLs short. */
interface WirePayload {
  v: 1;
  p: AttachmentTokenPurpose;
  a: string;
  u: string;
  t?: string;
  /** Expiry in whole seconds since the epoch. */
  e: number;
}

const MIN_SECRET_BYTES = 32;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

function isWirePayload(value: unknown): value is WirePayload {
  if (value === null || typeof value !== 'object') return false;
  const p = value as Record<string, unknown>;
  return (
    p.v === 1 &&
    (p.p === 'upload' || p.p === 'preview') &&
    typeof p.a === 'string' &&
    typeof p.u === 'string' &&
    (p.t === undefined || typeof p.t === 'string') &&
    typeof p.e === 'number' &&
    Number.isSafeInteger(p.e)
  );
}

/**
 * Signs and verifies the capability tokens inside upload and preview URLs: HMAC-SHA256 (Web
 * Crypto) over `{attachment id, owner, purpose, expiry}`. A browser uses these URLs without our
 * Authorization header (`<img src>`, the client's upload PUT), so the URL itself must prove who
 * may do what, and for how long. Single use of upload URLs is enforced by the upload, not here.
 */
export class AttachmentTokenSigner {
  private readonly key: Promise<CryptoKey>;
  private readonly now: () => number;

  constructor(options: AttachmentTokenSignerOptions) {
    const secret =
      typeof options.secret === 'string'
        ? encoder.encode(options.secret)
        : new Uint8Array(options.secret);
    if (secret.byteLength < MIN_SECRET_BYTES) {
      throw new ConfigurationError(
        `The attachment URL secret must be at least ${MIN_SECRET_BYTES} bytes long`,
      );
    }
    this.now = options.now ?? Date.now;
    this.key = crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ]);
  }

  /** A URL-safe token for `purpose` on one attachment of one owner, valid for `expiresInSeconds`. */
  async sign(input: {
    attachmentId: string;
    owner: Owner;
    purpose: AttachmentTokenPurpose;
    expiresInSeconds: number;
  }): Promise<string> {
    const payload: WirePayload = {
      v: 1,
      p: input.purpose,
      a: input.attachmentId,
      u: input.owner.userId,
      ...(input.owner.tenantId ? { t: input.owner.tenantId } : {}),
      e: Math.floor(this.now() / 1000) + Math.max(1, Math.ceil(input.expiresInSeconds)),
    };
    const body = bytesToBase64Url(encoder.encode(JSON.stringify(payload)));
    const signature = await crypto.subtle.sign('HMAC', await this.key, encoder.encode(body));
    return `${body}.${bytesToBase64Url(new Uint8Array(signature))}`;
  }

  /**
   * Checks signature, purpose, optionally the attachment id, then expiry (in that order, so an
   * expired token is only reported as such when it is genuine). Throws `AttachmentTokenError`.
   */
  async verify(
    token: string,
    purpose: AttachmentTokenPurpose,
    expected: { attachmentId?: string } = {},
  ): Promise<AttachmentToken> {
    const invalid = () => new AttachmentTokenError('invalid_token', 'This link is not valid');
    const [body, signaturePart, extra] = token.split('.');
    if (body === undefined || signaturePart === undefined || extra !== undefined) throw invalid();
    const signature = base64UrlToBytes(signaturePart);
    if (!signature) throw invalid();
    // crypto.subtle.verify compares in constant time.
    const genuine = await crypto.subtle.verify(
      'HMAC',
      await this.key,
      signature,
      encoder.encode(body),
    );
    if (!genuine) throw invalid();
    const json = base64UrlToBytes(body);
    let payload: unknown;
    try {
      payload = JSON.parse(decoder.decode(json));
    } catch {
      throw invalid();
    }
    if (!isWirePayload(payload) || payload.p !== purpose) throw invalid();
    if (expected.attachmentId !== undefined && payload.a !== expected.attachmentId) throw invalid();
    const expiresAt = payload.e * 1000;
    if (expiresAt <= this.now()) {
      throw new AttachmentTokenError('token_expired', 'This link has expired');
    }
    return {
      attachmentId: payload.a,
      owner: { userId: payload.u, tenantId: payload.t ?? null },
      purpose: payload.p,
      expiresAt,
    };
  }
}
