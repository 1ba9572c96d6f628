import { basename } from 'node:path';
import type { Annotation, AssistantMessageContent, Source } from '../protocol/content.js';
import type { ThreadStreamEventInput } from '../protocol/events.js';
import type { Passage } from './types.js';

/** Longest quote a citation carries. */
const QUOTE_CHARS = 280;

/** The start of a passage, cut at a word boundary, as the citation's quoted text. */
export function quote(text: string, max = QUOTE_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/**
 * A passage as a ChatKit source (docs/protocol.md §4.5): a `url` source for documents ingested
 * from http(s), a `file` source otherwise; the title names the document (and section), the
 * description quotes the passage.
 */
export function passageSource(passage: Passage): Source {
  const title = passage.section ? `${passage.title} — ${passage.section}` : passage.title;
  const common = {
    title,
    description: quote(passage.text),
    timestamp: passage.updatedAt,
    group: passage.collectionName,
  };
  if (/^https?:\/\//i.test(passage.source)) {
    return { type: 'url', url: passage.source, attribution: passage.collectionName, ...common };
  }
  return { type: 'file', filename: basename(passage.source), ...common };
}

/** `[1]`, `[1, 3]`, `[kp_…]` markers, with the space before them. */
const MARKER = /\s?\[((?:\d+|kp_[\w]+)(?:\s*,\s*(?:\d+|kp_[\w]+))*)\]/g;

/**
 * The passages a turn retrieved, numbered in the order the model first saw them, and the
 * rewriting of the answer's `[n]` markers into ChatKit annotations.
 */
export class KnowledgeCitations {
  private readonly byRef = new Map<number, Passage>();
  private readonly refs = new Map<string, number>();

  /** Records passages and returns each one's reference number (stable within the turn). */
  add(passages: Passage[]): number[] {
    return passages.map((passage) => {
      const known = this.refs.get(passage.id);
      if (known !== undefined) return known;
      const ref = this.refs.size + 1;
      this.refs.set(passage.id, ref);
      this.byRef.set(ref, passage);
      return ref;
    });
  }

  /** Every passage recorded so far, by reference number. */
  get passages(): Passage[] {
    return [...this.byRef.values()];
  }

  private resolve(token: string): Passage | undefined {
    if (/^\d+$/.test(token)) return this.byRef.get(Number(token));
    const ref = this.refs.get(token);
    return ref === undefined ? undefined : this.byRef.get(ref);
  }

  /**
   * Replaces the known markers of a text part with annotations at the marker's position
   * (`index`, docs/protocol.md §4.5). Unknown markers stay as they were; existing annotations
   * are kept.
   */
  annotate(content: AssistantMessageContent): AssistantMessageContent {
    if (this.byRef.size === 0) return content;
    const annotations: Annotation[] = [...content.annotations];
    let text = '';
    let last = 0;
    for (const match of content.text.matchAll(MARKER)) {
      const tokens = match[1]!.split(',').map((token) => token.trim());
      const passages = tokens.map((token) => this.resolve(token));
      if (passages.some((passage) => passage === undefined)) continue;
      text += content.text.slice(last, match.index);
      last = match.index + match[0].length;
      for (const passage of passages) {
        annotations.push({
          type: 'annotation',
          source: passageSource(passage!),
          index: text.length,
        });
      }
    }
    if (last === 0) return content;
    text += content.text.slice(last);
    return { ...content, text, annotations };
  }

  /** The turn's stream with every finished assistant message annotated. */
  async *rewrite(
    events: AsyncIterable<ThreadStreamEventInput>,
  ): AsyncGenerator<ThreadStreamEventInput, void, undefined> {
    for await (const event of events) yield this.rewriteEvent(event);
  }

  private rewriteEvent(event: ThreadStreamEventInput): ThreadStreamEventInput {
    if (this.byRef.size === 0) return event;
    if (event.type === 'thread.item.done' && event.item.type === 'assistant_message') {
      const content = event.item.content.map((part) =>
        this.annotate({
          ...part,
          type: 'output_text',
          annotations: (part.annotations ?? []) as Annotation[],
        }),
      );
      return { ...event, item: { ...event.item, content } };
    }
    if (
      event.type === 'thread.item.updated' &&
      event.update.type === 'assistant_message.content_part.done'
    ) {
      const part = event.update.content;
      const content = this.annotate({
        ...part,
        type: 'output_text',
        annotations: (part.annotations ?? []) as Annotation[],
      });
      return { ...event, update: { ...event.update, content } };
    }
    return event;
  }
}
