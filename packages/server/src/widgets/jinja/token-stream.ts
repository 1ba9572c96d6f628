import type { Token } from './lexer.js';
import { templateSyntaxError } from './template-error.js';

/** A cursor over the token list with Jinja-parser-style helpers. */
export class TokenStream {
  private index = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  /** The token under the cursor (the final `eof` once exhausted). */
  get current(): Token {
    return this.at(this.index);
  }

  /** The token after the current one. */
  look(): Token {
    return this.at(this.index + 1);
  }

  /** Returns the current token and advances. */
  next(): Token {
    const token = this.current;
    if (token.type !== 'eof') this.index++;
    return token;
  }

  /** Whether the current token is a name or operator with this text. */
  test(type: 'name' | 'operator', value: string): boolean {
    return isToken(this.current, type, value);
  }

  /** Advances past the current token if it is this name or operator. */
  skipIf(type: 'name' | 'operator', value: string): boolean {
    if (!this.test(type, value)) return false;
    this.next();
    return true;
  }

  /** Consumes this name or operator, or fails with a syntax error. */
  expect(type: 'name' | 'operator', value: string): Token {
    if (!this.test(type, value)) this.fail(`expected '${value}', got ${describe(this.current)}`);
    return this.next();
  }

  /** Consumes a token of this type, or fails with a syntax error. */
  expectType<T extends Token['type']>(type: T, what: string): Extract<Token, { type: T }> {
    const token = this.current;
    if (token.type !== type) this.fail(`expected ${what}, got ${describe(token)}`);
    this.next();
    return token as Extract<Token, { type: T }>;
  }

  /** Consumes a name token and returns its text. */
  expectName(what = 'a name'): string {
    return this.expectType('name', what).value;
  }

  /** Throws a syntax error at the current token. */
  fail(message: string): never {
    throw templateSyntaxError(message, this.current.line);
  }

  private at(index: number): Token {
    const token = this.tokens[index] ?? this.tokens[this.tokens.length - 1];
    if (token === undefined) throw templateSyntaxError('empty token stream', 1);
    return token;
  }
}

/** Whether a token is the name or operator `value`. */
export function isToken(token: Token, type: 'name' | 'operator', value: string): boolean {
  return token.type === type && token.value === value;
}

/** How a token reads in an error message. */
export function describe(token: Token): string {
  switch (token.type) {
    case 'name':
    case 'operator':
      return `'${token.value}'`;
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'data':
      return 'template data';
    case 'eof':
      return 'end of template';
    case 'variable_begin':
      return "'{{'";
    case 'variable_end':
      return "'}}'";
    case 'block_begin':
      return "'{%'";
    case 'block_end':
      return "'%}'";
  }
}
