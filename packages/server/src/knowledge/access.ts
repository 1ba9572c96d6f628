import type { Owner } from '../stores/owner.js';
import type { Collection } from './types.js';

const sameTenant = (a: string | null | undefined, b: string | null | undefined): boolean =>
  (a ?? null) === (b ?? null);

/**
 * Whether `owner` may read `collection`: a private collection only by its owner (same user in the
 * same tenant), a public one by everyone, or by everyone of its tenant when it names one.
 */
export function canRead(collection: Collection, owner: Owner): boolean {
  if (collection.visibility === 'public') {
    return collection.tenantId === null || sameTenant(collection.tenantId, owner.tenantId);
  }
  return (
    collection.owner !== null &&
    collection.owner.userId === owner.userId &&
    sameTenant(collection.owner.tenantId, owner.tenantId)
  );
}
