import { describe, expect, it } from 'vitest';
import { KnowledgeCitations, quote, type Passage } from '@threadline/server/knowledge';

const passage = (id: string, source: string, text: string): Passage => ({
  id,
  documentId: 'kd_1',
  collectionId: 'kc_1',
  collectionName: 'docs',
  title: 'Guide',
  source,
  section: '',
  text,
  updatedAt: '2026-01-01T00:00:00.000Z',
  metadata: {},
  score: 1,
});

describe('KnowledgeCitations', () => {
  it('numbers passages once per turn and rewrites grouped, id and unknown markers', () => {
    const citations = new KnowledgeCitations();
    expect(
      citations.add([
        passage('kp_a_0', 'a.md', 'Alpha.'),
        passage('kp_b_0', 'https://x.test/b', 'Beta.'),
      ]),
    ).toEqual([1, 2]);
    expect(citations.add([passage('kp_b_0', 'https://x.test/b', 'Beta.')])).toEqual([2]);
    const out = citations.annotate({
      type: 'output_text',
      text: 'Both [1, 2]. One [kp_b_0]. Made up [9].',
      annotations: [],
    });
    expect(out.text).toBe('Both. One. Made up [9].');
    expect(out.annotations.map((a) => [a.index, a.source.type, a.source.title])).toEqual([
      [4, 'file', 'Guide'],
      [4, 'url', 'Guide'],
      [9, 'url', 'Guide'],
    ]);
  });

  it('leaves text alone when the turn retrieved nothing', () => {
    const content = { type: 'output_text' as const, text: 'See [1].', annotations: [] };
    expect(new KnowledgeCitations().annotate(content)).toBe(content);
  });

  it('quotes at a word boundary', () => {
    expect(quote('one two three four five', 12)).toBe('one two…');
    expect(quote('short')).toBe('short');
  });
});
