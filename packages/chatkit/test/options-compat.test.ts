import type { ChatKitOptions as OfficialOptions, OpenAIChatKit } from '@openai/chatkit';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ChatKitOptions } from '../src/options.js';
import type { ChatKitElement } from '../src/element.js';

// The compiler is the test: every options object typed for OpenAI's runtime is one of ours, and our
// element has every method of the official element with a compatible signature.
type ElementMethods =
  | 'setOptions'
  | 'focusComposer'
  | 'setThreadId'
  | 'sendUserMessage'
  | 'setComposerValue'
  | 'sendCustomAction'
  | 'showHistory'
  | 'hideHistory'
  | 'fetchUpdates';

describe('compatibility with @openai/chatkit types', () => {
  it('accepts the official ChatKitOptions', () => {
    expectTypeOf<OfficialOptions>().toExtend<ChatKitOptions>();
    const full: OfficialOptions = {
      api: { url: '/chatkit', domainKey: 'k', uploadStrategy: { type: 'direct', uploadUrl: '/u' } },
      locale: 'ar',
      theme: {
        colorScheme: 'dark',
        radius: 'soft',
        density: 'compact',
        typography: { baseSize: 15, fontFamily: 'Inter' },
        color: { accent: { primary: '#f00', level: 2 }, grayscale: { hue: 200, tint: 3 } },
      },
      initialThread: null,
      onClientTool: () => ({ ok: true }),
      header: { rightAction: { icon: 'close', onClick: () => undefined } },
      history: { enabled: true, showDelete: true, showRename: true },
      startScreen: { greeting: 'Hi', prompts: [{ label: 'A', prompt: 'a', icon: 'bolt' }] },
      threadItemActions: { feedback: true, retry: true },
      composer: {
        placeholder: 'Ask',
        attachments: { enabled: true, maxSize: { 'image/*': 1 }, maxCount: 2, accept: {} },
        tools: [{ id: 't', label: 'T', icon: 'search' }],
        models: [{ id: 'm', label: 'M', default: true }],
        dictation: { enabled: true },
      },
      disclaimer: { text: '*x*' },
      widgets: { onAction: async () => undefined },
      thread: { autoScroll: false },
    };
    const ours: ChatKitOptions = full;
    expect(ours.composer?.models?.[0]?.id).toBe('m');
    const hosted: ChatKitOptions = {
      api: { getClientSecret: async () => 's' },
    } satisfies OfficialOptions;
    expect(typeof (hosted.api as { getClientSecret: unknown }).getClientSecret).toBe('function');
  });

  it('implements every method of the official element', () => {
    expectTypeOf<Pick<ChatKitElement, ElementMethods>>().toExtend<
      Pick<OpenAIChatKit, ElementMethods>
    >();
  });
});
