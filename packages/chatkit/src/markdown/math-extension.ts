// Math in Markdown: `$…$` and `\(…\)` inline, `$$…$$` and `\[…\]` as blocks. Dollar rules follow
// pandoc so prices ("$5 and $10") stay text: no space after the opening `$`, none before the
// closing one, and no digit right after it.
import type { TokenizerExtension, Tokens } from 'marked';

export interface MathToken extends Tokens.Generic {
  type: 'math_block' | 'math_inline';
  tex: string;
}

const BLOCK = /^(?:\$\$([\s\S]+?)\$\$|\\\[([\s\S]+?)\\\])[ \t]*(?:\n|$)/;
const INLINE_DOLLAR = /^\$(?!\s)((?:\\.|[^\\$\n])+?)(?<!\s)\$(?!\d)/;
const INLINE_PAREN = /^\\\(([\s\S]+?)\\\)/;

/** Where the first of two markers starts (marked calls this often: plain `indexOf`, no regex). */
function firstIndex(src: string, a: string, b: string): number | undefined {
  const i = src.indexOf(a);
  const j = src.indexOf(b);
  if (i < 0) return j < 0 ? undefined : j;
  return j < 0 ? i : Math.min(i, j);
}

export const mathBlock: TokenizerExtension = {
  name: 'math_block',
  level: 'block',
  start: (src) => firstIndex(src, '$$', '\\['),
  tokenizer(src) {
    const match = BLOCK.exec(src);
    if (!match) return undefined;
    const tex = (match[1] ?? match[2] ?? '').trim();
    return { type: 'math_block', raw: match[0], tex } satisfies MathToken;
  },
};

export const mathInline: TokenizerExtension = {
  name: 'math_inline',
  level: 'inline',
  start: (src) => firstIndex(src, '$', '\\('),
  tokenizer(src) {
    if (src.startsWith('$$')) {
      const display = /^\$\$([\s\S]+?)\$\$/.exec(src);
      if (display)
        return { type: 'math_inline', raw: display[0], tex: display[1]!.trim(), display: true };
      return undefined;
    }
    const match = INLINE_DOLLAR.exec(src) ?? INLINE_PAREN.exec(src);
    if (!match) return undefined;
    return { type: 'math_inline', raw: match[0], tex: match[1]!.trim() } satisfies MathToken;
  },
};
