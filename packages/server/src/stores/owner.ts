import { ConfigurationError } from '../errors.js';

/** Who owns a row: a user, optionally inside an organization/tenant. Every store query is scoped by it. */
export interface Owner {
  userId: string;
  tenantId?: string | null;
}

/** Maps the request context to its owner; supplied by the integrator. */
export type ResolveOwner<TContext> = (context: TContext) => Owner;

const pickString = (ctx: Record<string, unknown>, ...keys: string[]): string | undefined => {
  for (const key of keys) {
    const value = ctx[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
};

/**
 * Reads `userId`/`user_id` and `tenantId`/`orgId`/`org_id` from the context. A context without a
 * user id is a configuration error, never "everyone's data": isolation cannot be forgotten.
 */
export function defaultResolveOwner(context: unknown): Owner {
  if (context !== null && typeof context === 'object') {
    const ctx = context as Record<string, unknown>;
    const userId = pickString(ctx, 'userId', 'user_id');
    if (userId !== undefined) {
      return {
        userId,
        tenantId: pickString(ctx, 'tenantId', 'tenant_id', 'orgId', 'org_id') ?? null,
      };
    }
  }
  throw new ConfigurationError(
    'The store could not resolve an owner from the request context: put `userId` in the context or pass `resolveOwner`',
  );
}

/** A stable string key for an owner (for maps and SQL columns). */
export const ownerKey = (owner: Owner): string =>
  owner.tenantId ? `${owner.tenantId}\u0000${owner.userId}` : owner.userId;
