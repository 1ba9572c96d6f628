// Markdown → token tree with marked's lexer only: its HTML renderer is never used, so no HTML string
// is ever produced from model text (the tree becomes DOM nodes in render-tokens.tsx).
import { Marked, type Token } from 'marked';
import { mathBlock, mathInline } from './math-extension.js';

const marked = new Marked({ gfm: true, breaks: false, extensions: [mathBlock, mathInline] });

/** Full lex of `text`. */
export function lexMarkdown(text: string): Token[] {
  return marked.lexer(text);
}

/** The tokens of a text that only grows while it streams, re-lexing as little as possible. */
export interface IncrementalLexer {
  lex(text: string): Token[];
}

/**
 * While text streams in by appending, every block but the last one or two is final. This lexer keeps
 * them and re-lexes from the start of the last non-blank block (blank lines can still join a list or
 * turn a paragraph into a table), so a delta costs the size of the last block, not of the answer.
 * Link reference definitions made earlier are not seen by the re-lexed tail: the final full lex
 * (when streaming ends) fixes that.
 */
export function createIncrementalLexer(): IncrementalLexer {
  let previousText = '';
  let previousTokens: Token[] = [];
  /** Whether the tokens' `raw` strings add up to the text (marked rewrites `\r\n` and tabs). */
  let covers = false;
  const full = (text: string) => {
    previousTokens = lexMarkdown(text);
    covers = previousTokens.reduce((sum, token) => sum + token.raw.length, 0) === text.length;
  };
  return {
    lex(text) {
      if (text === previousText) return previousTokens;
      if (!covers || previousTokens.length < 2 || !text.startsWith(previousText)) {
        full(text);
      } else {
        let keep = previousTokens.length - 1;
        if (previousTokens[keep]?.type === 'space' && keep > 1) keep -= 1;
        const stable = previousTokens.slice(0, keep);
        let offset = 0;
        for (const token of stable) offset += token.raw.length;
        const tail = lexMarkdown(text.slice(offset));
        previousTokens = stable.concat(tail);
        covers = tail.reduce((sum, token) => sum + token.raw.length, offset) === text.length;
      }
      previousText = text;
      return previousTokens;
    },
  };
}
