import type { ClientConfig } from './client-config.js';

const originOf = (url: string): string | null => {
  try {
    return /^https?:\/\//.test(url) ? new URL(url).origin : null;
  } catch {
    return null;
  }
};

/**
 * The standalone page's Content-Security-Policy. With the built-in client everything is same-origin:
 * scripts only from 'self', requests only to the API (and the upload URL). Inline styles stay allowed
 * because the element styles its shadow root with `<style>` and style attributes. Images may come
 * from https (assistant Markdown, generated images, signed preview URLs). When CHATKIT_SCRIPT_URL
 * points at another runtime, that runtime's origin is allowed too.
 */
export function contentSecurityPolicy(config: ClientConfig): string {
  const extra = (urls: string[]) =>
    [...new Set(urls.map(originOf).filter((o): o is string => o !== null))].join(' ');
  const script = extra([config.scriptUrl]);
  const connect = extra([
    config.apiUrl,
    config.clientSecretUrl,
    config.upload?.type === 'direct' ? config.upload.uploadUrl : '',
  ]);
  const foreign = !config.scriptModule;
  return [
    "default-src 'self'",
    `script-src 'self'${script ? ` ${script}` : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    `connect-src 'self'${connect ? ` ${connect}` : ''}${foreign ? ' https:' : ''}`,
    `frame-src ${foreign ? "'self' https:" : "'none'"}`,
    "media-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join('; ');
}
