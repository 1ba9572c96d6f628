import { createHash } from 'node:crypto';

/** A query rewritten for `pg`: `$n` placeholders, the parameter names in `$n` order, a statement name. */
export interface PositionalQuery {
  /** Name of the server-side prepared statement (derived from the text, so never ambiguous). */
  name: string;
  text: string;
  params: readonly string[];
}

// `:name`, but not the second colon of a `::type` cast.
const NAMED = /(?<![:\w]):([A-Za-z_][A-Za-z0-9_]*)/g;

/** Rewrites `:name` placeholders (shared query text) to PostgreSQL's `$1`, `$2`, …; a repeated name reuses its number. */
export function toPositional(sql: string): PositionalQuery {
  const params: string[] = [];
  const text = sql.replace(NAMED, (_match, name: string) => {
    let index = params.indexOf(name);
    if (index === -1) index = params.push(name) - 1;
    return `$${index + 1}`;
  });
  const name = `threadline_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
  return { name, text, params };
}

/** The values of `query.params`, in order. Every parameter must be given (`null` for SQL NULL). */
export function bindValues(query: PositionalQuery, values: Record<string, unknown>): unknown[] {
  return query.params.map((param) => {
    const value = values[param];
    if (value === undefined) throw new Error(`Missing SQL parameter :${param}`);
    return value;
  });
}
