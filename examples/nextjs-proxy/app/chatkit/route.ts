/**
 * A Next.js App Router route (`app/chatkit/route.ts`) that keeps the session token out of the
 * browser: the token lives in an httpOnly cookie, this route reads it server-side and forwards the
 * ChatKit request to a Threadline `/chatkit` endpoint as `Authorization: Bearer <token>`.
 * Web-standard `Request`/`Response`/`fetch` only, so it runs on the Node.js and Edge runtimes alike.
 */

/** Route handlers that read cookies are per-request; never cache or prerender this one. */
export const dynamic = 'force-dynamic';

const JSON_HEADERS = { 'content-type': 'application/json' } as const;

/** What a streamed answer needs so no proxy or CDN on the way buffers or rewrites it. */
const SSE_HEADERS = {
  'content-type': 'text/event-stream',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
} as const;

const jsonError = (status: number, message: string) =>
  new Response(JSON.stringify({ error: message }), { status, headers: JSON_HEADERS });

/**
 * The value of one cookie from the `Cookie` header, as `cookies()` from `next/headers` would give.
 * Not exported: Next.js accepts only HTTP methods and route config as a route file's exports.
 */
function readCookie(header: string | null, name: string): string | undefined {
  for (const pair of header?.split(';') ?? []) {
    const eq = pair.indexOf('=');
    if (eq < 0 || pair.slice(0, eq).trim() !== name) continue;
    const raw = pair.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return undefined;
}

export async function POST(request: Request): Promise<Response> {
  const upstream = process.env.THREADLINE_CHATKIT_URL;
  if (!upstream) return jsonError(500, 'THREADLINE_CHATKIT_URL is not set');
  const token = readCookie(
    request.headers.get('cookie'),
    process.env.THREADLINE_SESSION_COOKIE ?? 'session',
  );
  if (!token) return jsonError(401, 'Not signed in');

  let answer: Response;
  try {
    answer = await fetch(upstream, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': request.headers.get('content-type') ?? 'application/json',
      },
      // ChatKit requests are small JSON documents; the answers are what streams.
      body: await request.arrayBuffer(),
      // A closed browser tab cancels the upstream turn (the server saves what was produced).
      signal: request.signal,
    });
  } catch {
    return jsonError(502, 'The chat backend is unreachable');
  }

  const type = answer.headers.get('content-type') ?? '';
  if (type.startsWith('text/event-stream')) {
    // The upstream body as is: each frame reaches the browser as soon as the backend writes it.
    return new Response(answer.body, { status: answer.status, headers: SSE_HEADERS });
  }
  // JSON (and JSON errors such as the backend's own 401/4xx) pass through with their status.
  return new Response(answer.body, {
    status: answer.status,
    headers: { 'content-type': type || 'application/json' },
  });
}
