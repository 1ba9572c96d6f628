import type { ThreadStreamEventInput } from '@threadline/server';
import type { Responder } from '../responder.js';

/** The notice every turn gets when no model is configured. */
export const NO_MODEL_NOTICE = {
  type: 'notice',
  level: 'warning',
  title: 'No model configured',
  message:
    'This server has no AI model configured, so it cannot answer yet. ' +
    'Set `OPENAI_API_KEY` (and optionally `OPENAI_BASE_URL` and `THREADLINE_MODEL`) and restart the server, ' +
    'or start it with `--demo` (or `THREADLINE_DEMO=1`) to try the interface with an offline demo model.',
} as const satisfies ThreadStreamEventInput;

/** Answers every turn with {@link NO_MODEL_NOTICE}; the user's message is still saved. */
export class NoModelResponder implements Responder {
  readonly description = 'none configured (every reply is a notice explaining how to set one)';

  async *respond(): AsyncIterable<ThreadStreamEventInput> {
    yield NO_MODEL_NOTICE;
  }
}
