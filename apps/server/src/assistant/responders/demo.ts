import type { ThreadStreamEventInput } from '@threadline/server';
import { streamAssistantMessage, userMessageText } from '@threadline/server/turn';
import { translatorFor } from '../../i18n/index.js';
import { analyzing, preparing, toolProgress } from '../progress.js';
import type { Responder, TurnRequest } from '../responder.js';
import { sleep } from '../sleep.js';
import { summaryCard } from '../tools/builtin-tools.js';

/** The demo model's answer to `text` (deterministic). */
export function demoReply(text: string): string {
  const quoted =
    text === '' ? 'nothing' : `"${text.length > 200 ? `${text.slice(0, 199)}…` : text}"`;
  return (
    `You said ${quoted}. This is Threadline's offline demo model: it streams this text word by word, ` +
    'shows progress updates and a card, and needs no API key. To talk to a real model on this ' +
    'machine, restart without --demo with OPENAI_API_KEY (or OPENAI_BASE_URL) and ' +
    'THREADLINE_AUTH=anonymous set: --demo turned anonymous access on, and without it every ' +
    'request is refused with 401.'
  );
}

/** Splits text into word-sized deltas that join back to the exact text. */
export const wordChunks = (text: string): string[] => text.match(/\S+\s*/g) ?? [];

/**
 * A deterministic offline model (`--demo`): a progress update, a tool-style progress line, a card
 * widget, then the reply streamed word by word, `delayMs` apart. Honours cancellation.
 */
export class DemoResponder implements Responder {
  readonly description = 'demo (offline, deterministic; no API key needed)';

  constructor(private readonly delayMs: number) {}

  async *respond(turn: TurnRequest): AsyncIterable<ThreadStreamEventInput> {
    const { thread, context, store, signal } = turn;
    const text = turn.input ? userMessageText(turn.input).trim() : '';
    const t = translatorFor(context.locale);
    yield analyzing(t);
    await sleep(this.delayMs, signal);
    yield toolProgress('search_resources', { query: text }, t);
    await sleep(this.delayMs, signal);
    yield preparing(t);
    yield {
      type: 'thread.item.done',
      item: {
        type: 'widget',
        id: store.generateItemId('message', thread, context),
        thread_id: thread.id,
        created_at: new Date().toISOString(),
        widget: summaryCard(
          `${turn.agent.name} · demo mode`,
          `Your message had **${text.length}** characters and **${wordChunks(text).length}** words.`,
          'Widgets like this card stream from the server.',
        ),
        copy_text: `Demo mode: ${text.length} characters`,
      },
    };
    const delayMs = this.delayMs;
    async function* words() {
      for (const word of wordChunks(demoReply(text))) {
        if (signal.aborted) return;
        yield word;
        await sleep(delayMs, signal);
      }
    }
    yield* streamAssistantMessage(words(), { thread, store, context });
  }
}
