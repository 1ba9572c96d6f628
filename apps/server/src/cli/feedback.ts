/**
 * `threadline feedback [--since ISO] [--limit n] [--json]`: lists the thumbs up/down users gave
 * (`items.feedback`), stored in the app's database next to the threads.
 */
import { parseArgs } from 'node:util';
import type { FeedbackRecord } from '@threadline/server';
import { START_OPTIONS, startOverrides, UsageError } from '../cli-args.js';
import { loadConfig } from '../config.js';
import { createStore } from '../store.js';

export const FEEDBACK_USAGE = `Usage: threadline feedback [options]

Lists stored feedback, oldest first: time, kind, user, thread and items.
Options: --since <ISO date or time>, --limit <n> (default 1000), --json (one JSON array), --config <file>
`;

const OPTIONS = {
  config: START_OPTIONS.config,
  since: { type: 'string' },
  limit: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parseSince(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const since = new Date(value);
  if (Number.isNaN(since.getTime()))
    throw new UsageError(`feedback: --since must be an ISO date or time, got "${value}"`);
  return since;
}

function parseLimit(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const limit = Number(value);
  if (!Number.isSafeInteger(limit) || limit <= 0)
    throw new UsageError('feedback: --limit must be a positive integer');
  return limit;
}

const line = (r: FeedbackRecord): string =>
  `${r.createdAt}  ${r.kind.padEnd(8)}  ${r.tenantId ? `${r.userId}@${r.tenantId}` : r.userId}  ${r.threadId}  ${r.itemIds.join(',')}\n`;

export async function runFeedback(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: OPTIONS, strict: true });
  if (values.help) {
    process.stdout.write(FEEDBACK_USAGE);
    return;
  }
  const since = parseSince(values.since);
  const limit = parseLimit(values.limit);
  const app = createStore(loadConfig(startOverrides({ config: values.config })));
  try {
    if (!app.store.listFeedback) throw new Error(`${app.description} cannot list feedback`);
    const records = await app.store.listFeedback({ since, limit });
    if (values.json) {
      process.stdout.write(`${JSON.stringify(records, null, 2)}\n`);
    } else if (records.length === 0) {
      process.stderr.write('No feedback stored yet.\n');
    } else {
      for (const record of records) process.stdout.write(line(record));
    }
  } finally {
    await app.close();
  }
}
