import { describe, expect, it } from 'vitest';
import { toAnthropicMessages } from '../../src/agents/anthropic/index.js';
import type { ModelInputItem } from '../../src/providers/index.js';
import { toChatMessages } from '../../src/providers/openai-chat/index.js';

const b64 = (text: string) => btoa(text);
const items: ModelInputItem[] = [
  {
    type: 'message',
    role: 'assistant',
    status: 'completed',
    content: [{ type: 'output_text', text: 'Welcome back!' }],
  },
  {
    type: 'message',
    role: 'user',
    content: [
      { type: 'input_text', text: 'Look at these' },
      { type: 'input_image', image: `data:image/png;base64,${b64('png')}`, detail: 'auto' },
      { type: 'input_image', image: 'https://example.com/cat.jpg' },
      {
        type: 'input_file',
        file: `data:application/pdf;base64,${b64('%PDF')}`,
        filename: 'report.pdf',
      },
      {
        type: 'input_file',
        file: `data:text/plain;base64,${b64('hello text')}`,
        filename: 'notes.txt',
      },
    ],
  },
  { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hidden context' }] },
  {
    type: 'message',
    role: 'assistant',
    status: 'completed',
    content: [{ type: 'output_text', text: 'On it.' }],
  },
  { type: 'function_call', callId: 'c1', name: 'a', arguments: '{"x":1}' },
  { type: 'function_call', callId: 'c2', name: 'b', arguments: 'not json' },
  { type: 'function_call_result', callId: 'c1', name: 'a', status: 'completed', output: '"A"' },
  { type: 'function_call_result', callId: 'c2', name: 'b', status: 'completed', output: '"B"' },
  {
    type: 'function_call_result',
    callId: 'gone',
    name: 'c',
    status: 'completed',
    output: '"orphan"',
  },
];

describe('toChatMessages', () => {
  it('maps history to Chat Completions messages', () => {
    expect(toChatMessages(items, { instructions: 'Sys' })).toEqual([
      { role: 'system', content: 'Sys' },
      { role: 'assistant', content: 'Welcome back!' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Look at these' },
          {
            type: 'image_url',
            image_url: { url: `data:image/png;base64,${b64('png')}`, detail: 'auto' },
          },
          { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg', detail: 'auto' } },
          {
            type: 'file',
            file: {
              file_data: `data:application/pdf;base64,${b64('%PDF')}`,
              filename: 'report.pdf',
            },
          },
          { type: 'text', text: '<File name="notes.txt">\nhello text\n</File>' },
        ],
      },
      { role: 'user', content: 'Hidden context' },
      { role: 'assistant', content: 'On it.' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'c1', type: 'function', function: { name: 'a', arguments: '{"x":1}' } },
          { id: 'c2', type: 'function', function: { name: 'b', arguments: 'not json' } },
        ],
      },
      { role: 'tool', tool_call_id: 'c1', content: '"A"' },
      { role: 'tool', tool_call_id: 'c2', content: '"B"' },
    ]);
  });

  it('can send instructions as a developer message', () => {
    expect(toChatMessages([], { instructions: 'Dev', instructionsRole: 'developer' })).toEqual([
      { role: 'developer', content: 'Dev' },
    ]);
  });
});

describe('toAnthropicMessages', () => {
  it('starts at the first user turn, merges same-role turns and drops orphan results', () => {
    expect(toAnthropicMessages(items).messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Look at these' },
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: b64('png') } },
          { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
          {
            type: 'document',
            source: { type: 'base64', media_type: 'application/pdf', data: b64('%PDF') },
            title: 'report.pdf',
          },
          {
            type: 'document',
            source: { type: 'text', media_type: 'text/plain', data: 'hello text' },
            title: 'notes.txt',
          },
          { type: 'text', text: 'Hidden context' },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'On it.' },
          { type: 'tool_use', id: 'c1', name: 'a', input: { x: 1 } },
          { type: 'tool_use', id: 'c2', name: 'b', input: {} },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'c1', content: '"A"' },
          { type: 'tool_result', tool_use_id: 'c2', content: '"B"' },
        ],
      },
    ]);
  });

  it('describes unsupported images instead of failing', () => {
    const [message] = toAnthropicMessages([
      {
        type: 'message',
        role: 'user',
        content: [{ type: 'input_image', image: `data:image/bmp;base64,${b64('bmp')}` }],
      },
    ]).messages;
    expect(message).toEqual({
      role: 'user',
      content: [{ type: 'text', text: '[Image of unsupported type image/bmp]' }],
    });
  });
});
