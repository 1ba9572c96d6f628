import { describe, expect, it } from 'vitest';
import { AttachmentTokenError, AttachmentTokenSigner } from '../../src/attachments/index.js';
import { ConfigurationError } from '../../src/errors.js';

const SECRET = 'a-secret-that-is-at-least-32-bytes-long';
const ALICE = { userId: 'alice' };

function signer(now = () => 1_700_000_000_000) {
  return new AttachmentTokenSigner({ secret: SECRET, now });
}

const sign = (
  s: AttachmentTokenSigner,
  overrides: Partial<Parameters<AttachmentTokenSigner['sign']>[0]> = {},
) =>
  s.sign({
    attachmentId: 'atc_1',
    owner: ALICE,
    purpose: 'upload',
    expiresInSeconds: 60,
    ...overrides,
  });

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AttachmentTokenError);
  return (error as AttachmentTokenError).code;
}

describe('AttachmentTokenSigner', () => {
  it('round-trips the attachment id, owner, purpose and expiry', async () => {
    const s = signer();
    const token = await sign(s, { owner: { userId: 'alice', tenantId: 'acme' } });
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    await expect(s.verify(token, 'upload')).resolves.toEqual({
      attachmentId: 'atc_1',
      owner: { userId: 'alice', tenantId: 'acme' },
      purpose: 'upload',
      expiresAt: 1_700_000_060_000,
    });
  });

  it('refuses a tampered payload or signature', async () => {
    const s = signer();
    const token = await sign(s);
    const [body, signature] = token.split('.') as [string, string];
    const forged = JSON.stringify({ v: 1, p: 'upload', a: 'atc_2', u: 'alice', e: 1_800_000_000 });
    const forgedBody = btoa(forged).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    expect(await refusal(s.verify(`${forgedBody}.${signature}`, 'upload'))).toBe('invalid_token');
    const flipped = signature.startsWith('A') ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
    expect(await refusal(s.verify(`${body}.${flipped}`, 'upload'))).toBe('invalid_token');
  });

  it('refuses a token signed with another secret', async () => {
    const other = new AttachmentTokenSigner({
      secret: 'another-secret-that-is-32-bytes-long!',
      now: () => 1_700_000_000_000,
    });
    expect(await refusal(signer().verify(await sign(other), 'upload'))).toBe('invalid_token');
  });

  it('refuses the wrong purpose or another attachment', async () => {
    const s = signer();
    expect(await refusal(s.verify(await sign(s, { purpose: 'preview' }), 'upload'))).toBe(
      'invalid_token',
    );
    expect(await refusal(s.verify(await sign(s), 'upload', { attachmentId: 'atc_2' }))).toBe(
      'invalid_token',
    );
  });

  it('refuses an expired token, and only a genuine one is reported as expired', async () => {
    let now = 1_700_000_000_000;
    const s = signer(() => now);
    const token = await sign(s, { expiresInSeconds: 60 });
    now += 59_000;
    await expect(s.verify(token, 'upload')).resolves.toMatchObject({ attachmentId: 'atc_1' });
    now += 1_000;
    expect(await refusal(s.verify(token, 'upload'))).toBe('token_expired');
    expect(await refusal(s.verify(`${token}x`, 'upload'))).toBe('invalid_token');
  });

  it('refuses malformed tokens', async () => {
    const s = signer();
    for (const token of ['', 'abc', 'a.b.c', '!!!.???', 'e30.e30']) {
      expect(await refusal(s.verify(token, 'upload'))).toBe('invalid_token');
    }
  });

  it('requires a secret of at least 32 bytes', () => {
    expect(() => new AttachmentTokenSigner({ secret: 'short' })).toThrow(ConfigurationError);
    expect(() => new AttachmentTokenSigner({ secret: new Uint8Array(32) })).not.toThrow();
  });
});
