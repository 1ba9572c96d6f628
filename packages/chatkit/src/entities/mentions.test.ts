import { describe, expect, it } from 'vitest';
import { activeMention, composeContent, insertMention, tagFromEntity } from './mentions.js';

const alice = tagFromEntity({ id: 'a', title: 'Alice', data: { k: 'v' } });
const bob = tagFromEntity({ id: 'b', title: 'Bob', group: 'People', interactive: true });

describe('mentions', () => {
  it('finds the @query before the caret only at a word start', () => {
    expect(activeMention('hi @al', 6)).toEqual({ start: 3, query: 'al' });
    expect(activeMention('@', 1)).toEqual({ start: 0, query: '' });
    expect(activeMention('mail a@b', 8)).toBeNull();
    expect(activeMention('hi @al there', 12)).toBeNull();
  });

  it('replaces the query with the title and a space', () => {
    expect(insertMention('hi @al!', 3, 6, 'Alice')).toEqual({ text: 'hi @Alice !', caret: 10 });
  });

  it('splits text into parts in reading order and drops tags no longer in the text', () => {
    expect(composeContent('@Bob meet @Alice', [alice, bob])).toEqual([
      bob,
      { type: 'input_text', text: ' meet ' },
      alice,
    ]);
    expect(composeContent('just text', [alice])).toEqual([
      { type: 'input_text', text: 'just text' },
    ]);
    expect(bob).toEqual({
      type: 'input_tag',
      id: 'b',
      text: 'Bob',
      data: {},
      interactive: true,
      group: 'People',
    });
  });
});
