import type { Owner } from '@threadline/server';
import type { AuthMethod } from './config.js';

/** The per-request context every store call and hook receives. */
export interface AppContext {
  userId: string;
  tenantId?: string | undefined;
  requestId: string;
  /** The agent named by `?agent_id=` (or the default agent). */
  agentId: string;
  authMethod: AuthMethod;
  /**
   * The caller's `Authorization: Bearer …` token, if the request carried one: forwarded to MCP
   * servers configured with `forwardUserToken`. Never logged or stored.
   */
  bearerToken?: string | undefined;
  /**
   * The request's `metadata` (page URL, title, user info… from the client), when it sent any:
   * client-controlled, so the model sees it only as escaped data (assistant/request-metadata.ts).
   */
  requestMetadata?: Record<string, unknown> | undefined;
  /**
   * The user's locale (a BCP 47 tag): request metadata `locale`, else the most preferred
   * `Accept-Language` entry. Picks the language of the app's texts (English when it has no
   * catalogue) and is told to the model.
   */
  locale?: string | undefined;
}

/** Store scoping: every row belongs to a user, optionally inside an organization. */
export const resolveOwner = (context: AppContext): Owner => ({
  userId: context.userId,
  tenantId: context.tenantId ?? null,
});
