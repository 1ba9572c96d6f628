// Run by sqlite-store.test.ts in separate processes: open one file at the same instant, migrate, write.
import { SqliteStore } from '../../src/stores/sqlite/index.js';

const [path, userId, startAt] = process.argv.slice(2) as [string, string, string];
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
const store = new SqliteStore<{ userId: string }>({ path });
await store.migrate();
await store.saveThread(
  {
    id: `thr_${userId}`,
    title: null,
    created_at: new Date().toISOString(),
    status: { type: 'active' },
    metadata: {},
  },
  { userId },
);
await store.close();
