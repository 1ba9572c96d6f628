import type OpenAI from 'openai';
import type { TitleGenerator } from '../turn/thread-title.js';

/**
 * A {@link TitleGenerator} making one short, non-streamed Chat Completions call (use a small,
 * cheap model).
 */
export function chatCompletionsTitleGenerator(options: {
  client: OpenAI;
  model: string;
}): TitleGenerator {
  return async ({ instructions, text, signal }) => {
    const completion = await options.client.chat.completions.create(
      {
        model: options.model,
        messages: [
          { role: 'system', content: instructions },
          { role: 'user', content: text.slice(0, 2000) },
        ],
        max_tokens: 32,
      },
      signal ? { signal } : {},
    );
    return completion.choices[0]?.message.content ?? '';
  };
}
