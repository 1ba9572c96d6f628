import { ConfigurationError } from '../../errors.js';

/** Prefix put before every table and index name unless the store is told otherwise. */
export const DEFAULT_TABLE_PREFIX = 'threadline_';

/**
 * Quoted, possibly schema-qualified names of the tables one SQL store uses, plus the unquoted
 * prefix for index names (indexes live in their table's schema).
 */
export interface TableNames {
  threads: string;
  items: string;
  attachments: string;
  /** One row per thread with a running turn (stores/sql/leases.ts). */
  leases: string;
  /** One row per `items.feedback` request (stores/sql/feedback.ts). */
  feedback: string;
  migrations: string;
  /** Quoted schema name, when the dialect has schemas (PostgreSQL). */
  schema?: string;
  /** Raw schema name, for catalog lookups. */
  schemaName?: string;
  /** Quoted name of an index: the prefix, then `name`, never schema-qualified. */
  index(name: string): string;
}

// Identifiers are interpolated into SQL text, so only plain ASCII names are accepted; the length
// keeps every derived name (longest suffix: `attachments_thread`, 18 chars) under PostgreSQL's 63.
const PREFIX = /^[A-Za-z0-9_]{0,40}$/;
const SCHEMA = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

const quote = (name: string): string => `"${name}"`;

/**
 * Validates the user-supplied table prefix and schema and derives every table name from them.
 * Throws `ConfigurationError` for names that are not plain identifiers.
 */
export function tableNames(options: { prefix?: string; schema?: string }): TableNames {
  const prefix = options.prefix ?? DEFAULT_TABLE_PREFIX;
  if (!PREFIX.test(prefix) || /^[0-9]/.test(prefix)) {
    throw new ConfigurationError(
      `Invalid table prefix ${JSON.stringify(prefix)}: use up to 40 letters, digits or underscores, not starting with a digit`,
    );
  }
  const schemaName = options.schema;
  if (schemaName !== undefined && !SCHEMA.test(schemaName)) {
    throw new ConfigurationError(
      `Invalid schema name ${JSON.stringify(schemaName)}: use letters, digits or underscores, not starting with a digit`,
    );
  }
  const schema = schemaName === undefined ? undefined : quote(schemaName);
  const table = (name: string): string =>
    schema === undefined ? quote(prefix + name) : `${schema}.${quote(prefix + name)}`;
  return {
    threads: table('threads'),
    items: table('items'),
    attachments: table('attachments'),
    leases: table('thread_leases'),
    feedback: table('feedback'),
    migrations: table('schema_migrations'),
    ...(schema === undefined ? {} : { schema, schemaName }),
    index: (name) => quote(prefix + name),
  };
}
