import { z } from 'zod';
import type { WidgetRoot } from '@threadline/server/protocol';
import type { AgentDefinition } from '../../config/agents-file.js';
import { evaluateArithmetic } from './arithmetic.js';
import { defineBuiltinTool, type BuiltinTool, type ToolTurn } from './builtin-tool.js';
import type { BuiltinToolName } from './names.js';

/** Thread metadata key of the `remember`/`recall` notes (server-private, per thread). */
export const MEMORY_METADATA_KEY = 'memories';
const MAX_MEMORIES = 50;

const memories = (turn: ToolTurn): string[] => {
  const value = turn.thread.metadata[MEMORY_METADATA_KEY];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
};

const getCurrentTime = defineBuiltinTool({
  name: 'get_current_time',
  description: 'The current date and time, in UTC or in an IANA time zone such as Europe/Paris.',
  parameters: z.object({
    timezone: z.string().nullable().describe('IANA time zone; null for UTC'),
  }),
  async execute({ timezone }) {
    const now = new Date();
    const zone = timezone ?? 'UTC';
    try {
      const local = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        dateStyle: 'full',
        timeStyle: 'long',
      }).format(now);
      return { iso: now.toISOString(), timezone: zone, local };
    } catch {
      return { error: `Unknown time zone "${zone}"`, iso: now.toISOString() };
    }
  },
});

const calculate = defineBuiltinTool({
  name: 'calculate',
  description: 'Evaluates an arithmetic expression with + - * / % ^ and parentheses.',
  parameters: z.object({ expression: z.string().describe('for example (17 * 23) + 4') }),
  async execute({ expression }) {
    try {
      return { expression, result: evaluateArithmetic(expression) };
    } catch (error) {
      return { expression, error: (error as Error).message };
    }
  },
});

const remember = defineBuiltinTool({
  name: 'remember',
  description: 'Saves a short fact the user asked you to remember for this conversation.',
  parameters: z.object({ fact: z.string().describe('one short fact, at most 500 characters') }),
  async execute({ fact }, turn) {
    const notes = [...memories(turn), fact.slice(0, 500)].slice(-MAX_MEMORIES);
    turn.thread.metadata[MEMORY_METADATA_KEY] = notes;
    return { saved: fact, count: notes.length };
  },
});

const recall = defineBuiltinTool({
  name: 'recall',
  description: 'Lists the facts saved with remember in this conversation, optionally filtered.',
  parameters: z.object({
    query: z.string().nullable().describe('words to filter by; null for all'),
  }),
  async execute({ query }, turn) {
    const words = (query ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    const notes = memories(turn).filter((note) =>
      words.length === 0 ? true : words.some((word) => note.toLowerCase().includes(word)),
    );
    return { facts: notes };
  },
});

/** Keyword score of a resource for a query: matching words in the title count double. */
function score(resource: AgentDefinition['resources'][number], words: string[]): number {
  const title = resource.title.toLowerCase();
  const content = resource.content.toLowerCase();
  return words.reduce(
    (total, word) => total + (title.includes(word) ? 2 : 0) + (content.includes(word) ? 1 : 0),
    0,
  );
}

const searchResources = defineBuiltinTool({
  name: 'search_resources',
  description: "Searches this assistant's knowledge base (the resources in its configuration).",
  parameters: z.object({ query: z.string() }),
  async execute({ query }, turn) {
    const words = query
      .toLowerCase()
      .split(/\W+/)
      .filter((w) => w.length > 2);
    const hits = turn.agent.resources
      .map((resource) => ({ resource, score: score(resource, words) }))
      .filter((hit) => hit.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, 5)
      .map(({ resource }) => ({
        title: resource.title,
        url: resource.url ?? null,
        content: resource.content.slice(0, 2000),
      }));
    return { query, results: hits };
  },
});

/** The card `show_card` renders (exported for the demo model). */
export function summaryCard(title: string, body: string, footer?: string): WidgetRoot {
  const card: WidgetRoot = {
    type: 'Card',
    size: 'md',
    children: [
      { type: 'Title', value: title, size: 'sm' },
      { type: 'Markdown', value: body },
      ...(footer ? [{ type: 'Caption' as const, value: footer }] : []),
    ],
  };
  return card;
}

const showCard = defineBuiltinTool({
  name: 'show_card',
  description:
    'Shows the user a card with a title and a short markdown body (a summary, a result).',
  parameters: z.object({
    title: z.string().describe('a short title'),
    body: z.string().describe('markdown, a few lines'),
  }),
  async execute({ title, body }, turn) {
    title = title.slice(0, 200);
    body = body.slice(0, 4000);
    const id = turn.newItemId();
    await turn.emit({
      type: 'thread.item.done',
      item: {
        type: 'widget',
        id,
        thread_id: turn.thread.id,
        created_at: new Date().toISOString(),
        widget: summaryCard(title, body),
        copy_text: `${title}\n\n${body}`,
      },
    });
    return { shown: true, note: 'The card is visible to the user; do not repeat its content.' };
  },
});

const ALL: Record<BuiltinToolName, BuiltinTool<unknown>> = {
  get_current_time: getCurrentTime,
  calculate,
  remember,
  recall,
  search_resources: searchResources,
  show_card: showCard,
};

/** The built-in tools an agent enabled. */
export function toolsFor(agent: AgentDefinition): BuiltinTool<unknown>[] {
  return agent.tools.map((name) => ALL[name]);
}
