import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's Chromium through playwright-core; fails clearly when it is not installed. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

export interface RecordedRequest {
  url: string;
  method: string;
  body: Record<string, unknown> | null;
}

/** Records every request the page makes (URL, method, JSON body when there is one). */
export function recordRequests(page: Page): RecordedRequest[] {
  const seen: RecordedRequest[] = [];
  page.on('request', (request) => {
    let body: Record<string, unknown> | null;
    try {
      body = request.postDataJSON() as Record<string, unknown> | null;
    } catch {
      body = null;
    }
    seen.push({ url: request.url(), method: request.method(), body });
  });
  return seen;
}

/** The ChatKit requests (`{type, params}` bodies) among the recorded ones. */
export const chatkitRequests = (seen: RecordedRequest[]) =>
  seen.flatMap((r) =>
    r.body && typeof r.body.type === 'string'
      ? [{ type: r.body.type, params: (r.body.params ?? {}) as Record<string, unknown> }]
      : [],
  );
