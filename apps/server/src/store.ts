import type { Store } from '@threadline/server';
import { PostgresStore } from '@threadline/server/stores/postgres';
import { SqliteStore } from '@threadline/server/stores/sqlite';
import type { AppConfig } from './config.js';
import { resolveOwner, type AppContext } from './context.js';

/** The configured store, with `migrate()` and `close()`. */
export interface AppStore {
  store: Store<AppContext>;
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** For the banner: `SQLite (/path)` or `PostgreSQL (host/db, schema s)`. */
  description: string;
}

/** A connection string without its password, for logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return '(unparseable URL)';
  }
}

export function createStore(config: AppConfig): AppStore {
  const cfg = config.store;
  if (cfg.kind === 'postgres') {
    const store = new PostgresStore<AppContext>({
      connectionString: cfg.connectionString,
      schema: cfg.schema,
      tablePrefix: cfg.tablePrefix,
      timeouts: cfg.timeouts,
      maxConnections: cfg.maxConnections,
      resolveOwner,
    });
    return {
      store,
      migrate: () => store.migrate(),
      close: () => store.close(),
      description: `PostgreSQL (${redactUrl(cfg.connectionString)}, schema ${cfg.schema ?? 'public'})`,
    };
  }
  const store = new SqliteStore<AppContext>({
    path: cfg.path,
    tablePrefix: cfg.tablePrefix,
    resolveOwner,
  });
  return {
    store,
    migrate: () => store.migrate(),
    close: () => store.close(),
    description: `SQLite (${cfg.path})`,
  };
}
