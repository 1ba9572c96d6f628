import { Agent, run, type Model } from '@openai/agents';
import type { TitleGenerator } from '../turn/thread-title.js';
import { applyTracingDefault } from './tracing.js';

/**
 * A {@link TitleGenerator} running a tiny non-streamed agent (no tools) on `model`: a model name
 * for the default provider, or a `Model` instance (e.g. `new OpenAIChatCompletionsModel(client, name)`).
 */
export function agentTitleGenerator(options: { model: string | Model }): TitleGenerator {
  applyTracingDefault();
  return async ({ instructions, text, signal }) => {
    const agent = new Agent({ name: 'Thread title', instructions, model: options.model });
    const result = await run(agent, text.slice(0, 2000), signal ? { signal } : {});
    const output: unknown = result.finalOutput;
    return typeof output === 'string' ? output : '';
  };
}
