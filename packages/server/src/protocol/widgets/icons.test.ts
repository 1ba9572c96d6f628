import { describe, expect, it } from 'vitest';
import { IconNameSchema } from '../icons.js';
import { IconSchema } from './index.js';

describe('IconName (docs/protocol.md §8.8, §11.4)', () => {
  it('accepts vendor: and lucide: prefixed names', () => {
    expect(IconNameSchema.parse('vendor:my-icon')).toBe('vendor:my-icon');
    expect(IconNameSchema.parse('lucide:zap')).toBe('lucide:zap');
  });

  it('accepts the literal names', () => {
    for (const name of ['book-open', 'phone', 'user'])
      expect(IconNameSchema.parse(name)).toBe(name);
  });

  it('rejects anything else, also inside an Icon component', () => {
    expect(IconNameSchema.safeParse('invalid-icon').success).toBe(false);
    const result = IconSchema.safeParse({ type: 'Icon', name: 'invalid-icon' });
    expect(result.error?.issues[0]?.path).toEqual(['name']);
  });
});
