export interface ExampleServerOptions {
  port?: number;
  host?: string;
  /** The built page (default `dist/`). */
  dist?: string;
  /** The Threadline server's origin. */
  threadlineUrl?: string;
  /** Where the page loads `<openai-chatkit>` from (default `<threadlineUrl>/chatkit/chatkit.js`). */
  scriptUrl?: string;
  /** How long the runtime may take to define the element (default 10 s). */
  scriptTimeoutMs?: number;
  /** The Threadline bearer token `/api/session` hands out; unset → 503. */
  token?: string;
  user?: { id: string; name: string; email?: string };
}

/** Serves the built example page and its `/api/session` endpoint. */
export function startExampleServer(
  options: ExampleServerOptions,
): Promise<{ url: string; close(): Promise<void> }>;
