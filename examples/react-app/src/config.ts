/** Where the Threadline server is, as the host server wrote it into the page (see `serve.mjs`). */
export interface HostConfig {
  /** The Threadline server's origin, e.g. `http://localhost:8000`. */
  threadlineUrl: string;
  /** The `<openai-chatkit>` runtime; default `<threadlineUrl>/chatkit/chatkit.js`. */
  scriptUrl: string;
  /** How long the runtime may take to define `<openai-chatkit>` before the page gives up. */
  scriptTimeoutMs: number;
  /** The host's own endpoint that returns `{ token, user }` for the signed-in visitor. */
  sessionUrl: string;
}

/** Reads `<script type="application/json" id="threadline-config">`. */
export function readHostConfig(): HostConfig {
  const element = document.getElementById('threadline-config');
  const raw = JSON.parse(element?.textContent ?? '{}') as Partial<HostConfig>;
  const threadlineUrl = (raw.threadlineUrl ?? 'http://localhost:8000').replace(/\/+$/, '');
  return {
    threadlineUrl,
    scriptUrl: raw.scriptUrl ?? `${threadlineUrl}/chatkit/chatkit.js`,
    scriptTimeoutMs: raw.scriptTimeoutMs ?? 10_000,
    sessionUrl: raw.sessionUrl ?? '/api/session',
  };
}
