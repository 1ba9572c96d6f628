import { describe, expect, it } from 'vitest';
import type { ThreadStreamEvent } from '../protocol/index.js';
import { encodeEvent, frameEvent, toWireJson } from './serialize.js';

/** A small seeded generator (mulberry32), so a failure names the case that reproduces it. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Characters JSON escapes or that break naive framing, and ordinary text of every width. */
const ALPHABET = [
  ...'abcXYZ019 .,:;{}[]',
  '"',
  '\\',
  '/',
  '\n',
  '\r',
  '\t',
  '\b',
  '\f',
  '\u0000',
  '\u001f',
  '\u007f',
  'é',
  '中',
  '😀',
  '\ud800', // lone high surrogate
  '\udfff', // lone low surrogate
  '\u2028',
  '\u2029',
  '<',
  '&',
  'data: ',
  '\n\n',
];

function randomString(next: () => number, maxLength: number): string {
  let text = '';
  const length = Math.floor(next() * (maxLength + 1));
  for (let i = 0; i < length; i++) text += ALPHABET[Math.floor(next() * ALPHABET.length)];
  return text;
}

const INDEXES = [0, 1, 2, 7, 42, 1e6, 2 ** 31, Number.MAX_SAFE_INTEGER, 1e21, -0, 0.5];

const textDelta = (itemId: string, contentIndex: number, delta: string): ThreadStreamEvent => ({
  type: 'thread.item.updated',
  item_id: itemId,
  update: {
    type: 'assistant_message.content_part.text_delta',
    content_index: contentIndex,
    delta,
  },
});

describe('frameEvent', () => {
  it('builds text-delta frames byte-identical to the generic JSON.stringify path', () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const next = random(seed);
      const event = textDelta(
        randomString(next, 12),
        INDEXES[Math.floor(next() * INDEXES.length)]!,
        randomString(next, 40),
      );
      const generic = `data: ${JSON.stringify(event)}\n\n`;
      expect(frameEvent(event), `seed ${seed}`).toBe(generic);
      expect(encodeEvent(event), `seed ${seed}`).toEqual(new TextEncoder().encode(generic));
    }
  });

  it('stays byte-identical across runs of deltas of one item and interleaved items', () => {
    const next = random(11);
    const items = ['msg_a', 'msg_"b"', 'msg_a\u2028', ''];
    for (let i = 0; i < 500; i++) {
      // Runs of the same item and index, then switches (the head of the frame is reused).
      const item = items[Math.floor(i / 7) % items.length]!;
      const index = INDEXES[Math.floor(i / 3) % 4]!;
      const event = textDelta(item, index, randomString(next, 20));
      expect(frameEvent(event), `delta ${i}`).toBe(`data: ${JSON.stringify(event)}\n\n`);
    }
  });

  it('keeps a delta built with its keys in another order equal on the wire', () => {
    const next = random(7);
    for (let i = 0; i < 200; i++) {
      const delta = randomString(next, 30);
      const event = {
        update: { delta, content_index: 0, type: 'assistant_message.content_part.text_delta' },
        item_id: 'msg_1',
        type: 'thread.item.updated',
      } as unknown as ThreadStreamEvent;
      const frame = frameEvent(event);
      expect(frame.startsWith('data: ') && frame.endsWith('\n\n')).toBe(true);
      expect(JSON.parse(frame.slice(6))).toEqual(JSON.parse(JSON.stringify(event)));
    }
  });

  it('uses the generic path for every other event, and for a delta that is not well-formed', () => {
    const done: ThreadStreamEvent = {
      type: 'thread.item.done',
      item: {
        type: 'assistant_message',
        id: 'msg_1',
        thread_id: 'thr_1',
        created_at: '2026-01-01T00:00:00.000Z',
        content: [{ type: 'output_text', text: 'hi "there"', annotations: [] }],
      },
    };
    expect(frameEvent(done)).toBe(`data: ${toWireJson(done)}\n\n`);
    const odd = textDelta('msg_1', Number.NaN, 'x');
    expect(frameEvent(odd)).toBe(`data: ${toWireJson(odd)}\n\n`);
  });
});
