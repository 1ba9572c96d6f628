import { describe, expect, it } from 'vitest';
import { ResponseStreamConverter, streamAgentResponse } from '../../src/agents/index.js';
import type { Annotation, ThreadStreamEventInput } from '../../src/protocol/index.js';
import {
  all,
  annotationEvent,
  FakeRun,
  makeContext,
  textDelta,
  updateOf,
} from './helpers/fake-run.js';

describe('streamAgentResponse: event mapping (§11.5 #18)', () => {
  const cases: [string, Record<string, unknown>, ThreadStreamEventInput][] = [
    [
      'text delta',
      textDelta('Hello, world!'),
      {
        type: 'thread.item.updated',
        item_id: '123',
        update: {
          type: 'assistant_message.content_part.text_delta',
          content_index: 0,
          delta: 'Hello, world!',
        },
      },
    ],
    [
      'content part added',
      {
        type: 'response.content_part.added',
        part: { type: 'output_text', text: 'New content', annotations: [] },
        content_index: 1,
        item_id: '123',
        output_index: 0,
        sequence_number: 1,
      },
      {
        type: 'thread.item.updated',
        item_id: '123',
        update: {
          type: 'assistant_message.content_part.added',
          content_index: 1,
          content: { type: 'output_text', text: 'New content', annotations: [] },
        },
      },
    ],
    [
      'output text done',
      {
        type: 'response.output_text.done',
        text: 'Final text',
        content_index: 0,
        item_id: '123',
        logprobs: [],
        output_index: 0,
        sequence_number: 2,
      },
      {
        type: 'thread.item.updated',
        item_id: '123',
        update: {
          type: 'assistant_message.content_part.done',
          content_index: 0,
          content: { type: 'output_text', text: 'Final text', annotations: [] },
        },
      },
    ],
    [
      'file citation',
      annotationEvent(
        { type: 'file_citation', file_id: 'file_123', filename: 'file.txt', index: 5 },
        0,
        '123',
      ),
      {
        type: 'thread.item.updated',
        item_id: '123',
        update: {
          type: 'assistant_message.content_part.annotation_added',
          content_index: 0,
          annotation_index: 0,
          annotation: {
            type: 'annotation',
            source: { type: 'file', filename: 'file.txt', title: 'file.txt' },
            index: 5,
          },
        },
      },
    ],
  ];
  it.each(cases)('maps %s', async (_name, raw, expected) => {
    const run = new FakeRun().raw(raw);
    run.done();
    expect(await all(streamAgentResponse(makeContext(), run))).toEqual([expected]);
  });

  it('ignores reasoning_text content parts and unknown events', async () => {
    const run = new FakeRun()
      .raw({
        type: 'response.content_part.added',
        part: { type: 'reasoning_text', text: 'x' },
        content_index: 0,
        item_id: 'r',
        output_index: 0,
        sequence_number: 0,
      })
      .raw({
        type: 'response.function_call_arguments.delta',
        delta: '{',
        item_id: 'fc',
        output_index: 0,
        sequence_number: 1,
      });
    run.done();
    expect(await all(streamAgentResponse(makeContext(), run))).toEqual([]);
  });
});

describe('streamAgentResponse: annotations (§11.5 #19-21)', () => {
  const expectedPair = (itemId: string) => [
    {
      type: 'thread.item.updated',
      item_id: itemId,
      update: {
        type: 'assistant_message.content_part.annotation_added',
        content_index: 0,
        annotation_index: 0,
        annotation: {
          type: 'annotation',
          source: { type: 'file', filename: 'container.txt', title: 'container.txt' },
          index: 3,
        },
      },
    },
    {
      type: 'thread.item.updated',
      item_id: itemId,
      update: {
        type: 'assistant_message.content_part.annotation_added',
        content_index: 0,
        annotation_index: 1,
        annotation: {
          type: 'annotation',
          source: { type: 'url', url: 'https://example.com', title: 'Example' },
          index: 5,
        },
      },
    },
  ];

  it('drops unconvertible citations and compacts the annotation index', async () => {
    const run = new FakeRun()
      .raw(
        annotationEvent(
          { type: 'file_citation', file_id: 'file_invalid', filename: '', index: 0 },
          0,
        ),
      )
      .raw(
        annotationEvent(
          {
            type: 'container_file_citation',
            container_id: 'container_1',
            file_id: 'file_123',
            filename: 'container.txt',
            start_index: 0,
            end_index: 3,
          },
          1,
        ),
      )
      .raw(
        annotationEvent(
          {
            type: 'url_citation',
            url: 'https://example.com',
            title: 'Example',
            start_index: 1,
            end_index: 5,
          },
          2,
        ),
      );
    run.done();
    expect(await all(streamAgentResponse(makeContext(), run))).toEqual(expectedPair('item_123'));
  });

  it('uses a custom converter for streamed and final annotations', async () => {
    const calls: string[] = [];
    class Custom extends ResponseStreamConverter {
      override async fileCitationToAnnotation(): Promise<Annotation> {
        calls.push('file_citation');
        return {
          type: 'annotation',
          source: {
            type: 'file',
            filename: 'report.pdf',
            title: 'Usage Report',
            description: 'Usage report for the month of January',
          },
          index: 111,
        };
      }
      override async urlCitationToAnnotation(): Promise<Annotation> {
        calls.push('url_citation');
        return {
          type: 'annotation',
          source: { type: 'url', url: 'https://custom.example/url', title: 'Custom' },
          index: 222,
        };
      }
    }
    const run = new FakeRun()
      .raw(
        annotationEvent(
          { type: 'file_citation', file_id: 'file_123', filename: 'file.txt', index: 0 },
          0,
          'm_1',
        ),
      )
      .raw({
        type: 'response.output_item.done',
        item: {
          id: 'm_1',
          type: 'message',
          role: 'assistant',
          status: 'completed',
          content: [
            {
              type: 'output_text',
              text: 'Hello!',
              annotations: [
                {
                  type: 'url_citation',
                  url: 'https://example.com',
                  title: 'Example',
                  start_index: 0,
                  end_index: 7,
                },
              ],
            },
          ],
        },
        output_index: 0,
        sequence_number: 1,
      });
    run.done();
    const events = await all(streamAgentResponse(makeContext(), run, { converter: new Custom() }));
    expect(events).toHaveLength(2);
    expect(updateOf(events[0])).toMatchObject({
      annotation_index: 0,
      annotation: { index: 111, source: { filename: 'report.pdf' } },
    });
    const done = events[1];
    if (done?.type !== 'thread.item.done' || done.item.type !== 'assistant_message')
      throw new Error('expected message done');
    expect(done.item.id).toBe('m_1');
    expect(done.item.content).toEqual([
      {
        type: 'output_text',
        text: 'Hello!',
        annotations: [
          {
            type: 'annotation',
            source: { type: 'url', url: 'https://custom.example/url', title: 'Custom' },
            index: 222,
          },
        ],
      },
    ]);
    expect(calls).toEqual(['file_citation', 'url_citation']);
  });
});

describe('streamAgentResponse: message content (§11.5 #23)', () => {
  it('ignores other output items and converts file, container and URL citations', async () => {
    const run = new FakeRun()
      .raw({
        type: 'response.output_item.done',
        item: {
          id: 'fs_0',
          type: 'file_search_call',
          queries: ['Hello'],
          status: 'completed',
          results: [],
        },
        output_index: 0,
        sequence_number: 0,
      })
      .raw({
        type: 'response.output_item.done',
        item: {
          id: '1',
          type: 'message',
          role: 'assistant',
          status: 'completed',
          content: [
            {
              type: 'output_text',
              text: 'Hello, world!',
              annotations: [
                { type: 'file_citation', file_id: 'f_123', index: 0, filename: 'test.txt' },
                {
                  type: 'container_file_citation',
                  container_id: 'container_1',
                  file_id: 'f_456',
                  filename: 'container.txt',
                  start_index: 0,
                  end_index: 3,
                },
                {
                  type: 'url_citation',
                  url: 'https://www.google.com',
                  title: 'Google',
                  start_index: 0,
                  end_index: 10,
                },
                { type: 'file_path', file_id: '123', index: 0 },
              ],
            },
            { type: 'output_text', text: "Can't do that", annotations: [] },
          ],
        },
        output_index: 0,
        sequence_number: 0,
      });
    run.done();
    const events = await all(streamAgentResponse(makeContext(), run));
    expect(events).toHaveLength(1);
    const [done] = events;
    if (done?.type !== 'thread.item.done' || done.item.type !== 'assistant_message')
      throw new Error('expected message');
    expect(done.item.id).toBe('1');
    expect(done.item.content).toEqual([
      {
        type: 'output_text',
        text: 'Hello, world!',
        annotations: [
          {
            type: 'annotation',
            source: { type: 'file', filename: 'test.txt', title: 'test.txt' },
            index: 0,
          },
          {
            type: 'annotation',
            source: { type: 'file', filename: 'container.txt', title: 'container.txt' },
            index: 3,
          },
          {
            type: 'annotation',
            source: { type: 'url', url: 'https://www.google.com', title: 'Google' },
            index: 10,
          },
        ],
      },
      { type: 'output_text', text: "Can't do that", annotations: [] },
    ]);
  });

  it('gives placeholder message ids a fresh id, consistently within the message (#36)', async () => {
    const message = (content: unknown[]) => ({
      id: '__fake_id__',
      type: 'message',
      role: 'assistant',
      status: 'completed',
      content,
    });
    const run = new FakeRun();
    for (const text of ['One', 'Two']) {
      run
        .raw({
          type: 'response.output_item.added',
          item: message([]),
          output_index: 0,
          sequence_number: 0,
        })
        .raw(textDelta(text, '__fake_id__'))
        .raw({
          type: 'response.output_item.done',
          item: message([{ type: 'output_text', text, annotations: [] }]),
          output_index: 0,
          sequence_number: 2,
        });
    }
    run.done();
    let n = 0;
    const context = makeContext();
    context.generateId = (type) => `${type}_${++n}`;
    const events = await all(streamAgentResponse(context, run));
    const ids = events.map((event) =>
      event.type === 'thread.item.updated' ? event.item_id : 'item' in event ? event.item.id : '',
    );
    expect(ids).toEqual([
      'message_1',
      'message_1',
      'message_1',
      'message_2',
      'message_2',
      'message_2',
    ]);
  });
});
