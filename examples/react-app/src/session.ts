/** The signed-in visitor as the host's own backend describes them. */
export interface Session {
  /** A Threadline bearer token (a JWT or a `threadline mint-session` token). */
  token: string;
  user: { id: string; name: string; email?: string };
}

/** Asks the host backend (not Threadline) for the visitor's token; same origin, its cookies. */
export async function fetchSession(url: string): Promise<Session> {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${url} answered ${response.status}: no chat session.`);
  return (await response.json()) as Session;
}
