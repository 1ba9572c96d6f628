import type { HttpBindings } from '@hono/node-server';
import type { Identity } from './auth/identity.js';
import type { AppLogger } from './logging.js';

/** Hono's environment for the app: the Node bindings and per-request variables. */
export interface AppEnv {
  Bindings: Partial<HttpBindings>;
  Variables: {
    requestId: string;
    /** Set by the auth middleware on protected routes. */
    identity: Identity;
    log: AppLogger;
  };
}
