import { describe, expect, it } from 'vitest';
import {
  documentEntity,
  KnowledgeBase,
  SqliteKnowledgeBackend,
} from '@threadline/server/knowledge';
import { EntitySourceSchema } from '../../src/protocol/content.js';

describe('documents as entities', () => {
  it('answers @-mention search with one readable document per entry, and previews only readable ones', async () => {
    const kb = new KnowledgeBase({ backend: new SqliteKnowledgeBackend({ vectors: false }) });
    const docs = await kb.createCollection({ name: 'handbook' });
    const mine = await kb.createCollection({ name: 'notes', owner: { userId: 'alice' } });
    const guide = await kb.ingest(docs.id, {
      source: 'guide.md',
      text: '# Travel guide\n\n## Trains\nTrains are booked in second class.\n\n## Flights\nTravel by plane needs approval.',
    });
    await kb.ingest(mine.id, { source: 'trip.txt', text: 'My travel plans for June.' });

    const forBob = await kb.searchDocuments('travel', { owner: { userId: 'bob' } });
    expect(forBob.map((hit) => hit.document.source)).toEqual(['guide.md']);
    const forAlice = await kb.searchDocuments('travel', { owner: { userId: 'alice' } });
    expect(forAlice.map((hit) => hit.document.source).sort()).toEqual(['guide.md', 'trip.txt']);

    const entity = documentEntity(
      forBob[0]!.document,
      forBob[0]!.collectionName,
      forBob[0]!.passage.text,
    );
    expect(EntitySourceSchema.parse(entity)).toMatchObject({
      type: 'entity',
      id: guide.document.id,
      title: 'Travel guide',
      group: 'handbook',
      interactive: true,
      data: { document_id: guide.document.id, source: 'guide.md' },
    });
    const trip = forAlice.find((hit) => hit.document.source === 'trip.txt')!.document;
    expect(await kb.getDocumentFor(trip.id, { userId: 'bob' })).toBeNull();
    expect((await kb.getDocumentFor(trip.id, { userId: 'alice' }))?.source).toBe('trip.txt');
  });
});
