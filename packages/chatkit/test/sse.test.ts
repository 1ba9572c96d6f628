import { describe, expect, it } from 'vitest';
import { readSse, SseParser } from '../src/api/sse.js';

describe('SseParser', () => {
  it('hands out each event as soon as its blank line arrives, across arbitrary chunk splits', () => {
    const wire = 'data: {"a":1}\n\n: comment\r\ndata: {"b":\r\ndata: 2}\r\n\r\ndata:{"c":3}\n\n';
    for (let split = 1; split < wire.length; split++) {
      const parser = new SseParser();
      const out = [...parser.push(wire.slice(0, split)), ...parser.push(wire.slice(split))];
      expect(out).toEqual(['{"a":1}', '{"b":\n2}', '{"c":3}']);
    }
  });

  it('flushes an unterminated last event at the end of the body', () => {
    const parser = new SseParser();
    expect(parser.push('data: {"x":1}')).toEqual([]);
    expect(parser.end()).toEqual(['{"x":1}']);
  });
});

describe('readSse', () => {
  it('yields events while the body is still open', async () => {
    const encoder = new TextEncoder();
    let push!: (s: string) => void;
    let close!: () => void;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        push = (s) => controller.enqueue(encoder.encode(s));
        close = () => controller.close();
      },
    });
    const events = readSse(body);
    push('data: {"n":1}\n\ndata: {"n"');
    expect((await events.next()).value).toEqual({ n: 1 });
    push(':2}\n\n');
    expect((await events.next()).value).toEqual({ n: 2 });
    close();
    expect((await events.next()).done).toBe(true);
  });
});
