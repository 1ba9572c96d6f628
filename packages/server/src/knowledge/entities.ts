import type { EntitySource } from '../protocol/content.js';
import { quote } from './citations.js';
import type { KnowledgeDocument } from './types.js';

/**
 * A document as a ChatKit entity (docs/protocol.md §4.5): what an `entities.onTagSearch` handler
 * returns for @-mentions, and the source of an entity annotation. `data` carries the ids a preview
 * request sends back.
 */
export function documentEntity(
  document: KnowledgeDocument,
  collectionName: string,
  excerpt?: string,
): EntitySource {
  return {
    type: 'entity',
    id: document.id,
    title: document.title,
    description: excerpt === undefined ? null : quote(excerpt, 160),
    timestamp: document.updatedAt,
    group: collectionName,
    icon: 'document',
    interactive: true,
    data: {
      document_id: document.id,
      collection_id: document.collectionId,
      source: document.source,
    },
  };
}
