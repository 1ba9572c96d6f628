import { describe, expect, it } from 'vitest';
import { anthropicTools, toAnthropicMessages } from '../../src/agents/anthropic/index.js';
import type { ModelInputItem } from '../../src/turn/index.js';

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

  it('moves system items to the system prompt and sends signed thinking back before tool use', () => {
    const conversation = toAnthropicMessages([
      { role: 'system', content: 'Answer in French.' },
      { type: 'message', role: 'user', content: 'Order A-1?' },
      {
        type: 'reasoning',
        content: [{ type: 'input_text', text: 'Look it up.' }],
        providerData: { signature: 'sig' },
      },
      { type: 'reasoning', content: [{ type: 'input_text', text: 'unsigned (OpenAI)' }] },
      { type: 'function_call', callId: 't1', name: 'lookup', arguments: '{"id":"A-1"}' },
      {
        type: 'function_call_result',
        callId: 't1',
        name: 'lookup',
        status: 'completed',
        output: { type: 'text', text: 'shipped' },
      },
    ]);
    expect(conversation).toEqual({
      system: ['Answer in French.'],
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Order A-1?' }] },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'Look it up.', signature: 'sig' },
            { type: 'tool_use', id: 't1', name: 'lookup', input: { id: 'A-1' } },
          ],
        },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'shipped' }] },
      ],
    });
  });

  it('refuses hosted tools with a clear error', () => {
    expect(() =>
      anthropicTools([{ type: 'hosted_tool', name: 'web_search', providerData: {} }]),
    ).toThrow(/function tools only, not hosted_tool \(web_search\)/);
  });
});
