import { describe, expect, it } from 'vitest';
import { toStructuredQuestions } from '../../src/assistant/tools/questions-tool.js';

describe('toStructuredQuestions', () => {
  it('maps choices to multiple_choice, null options to freeform, and keeps ids unique', () => {
    expect(
      toStructuredQuestions([
        { id: 'size', question: 'Which size?', options: ['S', 'L'], multiple: null },
        { id: 'size', question: 'Which colours?', options: ['Red'], multiple: true },
        { id: 'note', question: 'Anything else?', options: null, multiple: null },
        { id: 'empty', question: 'No choices?', options: [], multiple: false },
      ]),
    ).toEqual([
      {
        type: 'multiple_choice',
        id: 'size',
        question: 'Which size?',
        options: [{ value: 'S' }, { value: 'L' }],
        multiple: false,
      },
      {
        type: 'multiple_choice',
        id: 'size_2',
        question: 'Which colours?',
        options: [{ value: 'Red' }],
        multiple: true,
      },
      { type: 'freeform', id: 'note', question: 'Anything else?' },
      { type: 'freeform', id: 'empty', question: 'No choices?' },
    ]);
  });
});
