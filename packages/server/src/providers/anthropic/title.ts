import type Anthropic from '@anthropic-ai/sdk';
import type { TitleGenerator } from '../turn/thread-title.js';

/** A {@link TitleGenerator} making one short, non-streamed Messages call (use a small model). */
export function anthropicTitleGenerator(options: {
  client: Anthropic;
  model: string;
}): TitleGenerator {
  return async ({ instructions, text, signal }) => {
    const message = await options.client.messages.create(
      {
        model: options.model,
        max_tokens: 32,
        system: instructions,
        messages: [{ role: 'user', content: text.slice(0, 2000) }],
      },
      signal ? { signal } : {},
    );
    return message.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
  };
}
