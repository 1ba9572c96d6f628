import type { Call } from '../helpers/scenarios.js';
import { jwtFor } from '../helpers/tokens.js';

/** A `Call` over real HTTP with a JWT per user. */
export function httpCall(baseUrl: string): Call {
  const tokens = new Map<string, Promise<string>>();
  return async (user, body, agent) => {
    let token = tokens.get(user);
    if (!token) tokens.set(user, (token = jwtFor(user)));
    const path = agent ? `/chatkit?agent_id=${encodeURIComponent(agent)}` : '/chatkit';
    return fetch(baseUrl + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await token}` },
      body: JSON.stringify(body),
    });
  };
}
