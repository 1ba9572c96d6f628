import { describe, expect, it } from 'vitest';
import { activeTrigger, composeContent, insertMention, tagFromEntity } from './mentions.js';

const alice = tagFromEntity({ id: 'a', title: 'Alice', data: { k: 'v' } });
const bob = tagFromEntity({ id: 'b', title: 'Bob', group: 'People', interactive: true });

describe('mentions', () => {
  it('finds the @query before the caret only at a word start', () => {
    expect(activeTrigger('hi @al', 6)).toEqual({ trigger: '@', start: 3, query: 'al' });
    expect(activeTrigger('@', 1)).toEqual({ trigger: '@', start: 0, query: '' });
    expect(activeTrigger('/sum', 4)).toEqual({ trigger: '/', start: 0, query: 'sum' });
    expect(activeTrigger('a/b', 3)).toBeNull();
    expect(activeTrigger('mail a@b', 8)).toBeNull();
    expect(activeTrigger('hi @al there', 12)).toBeNull();
  });

  it('replaces the query with the title and a space, or removes a command query', () => {
    expect(insertMention('hi @al!', 3, 6, 'Alice')).toEqual({ text: 'hi @Alice !', caret: 10 });
    expect(insertMention('/sum x', 0, 4, null)).toEqual({ text: ' x', caret: 0 });
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
