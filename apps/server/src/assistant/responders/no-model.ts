import type { ThreadStreamEventInput, Translate } from '@threadline/server';
import { translatorFor } from '../../i18n/index.js';
import type { Responder, TurnRequest } from '../responder.js';

/** The notice every turn gets when no model is configured, in the locale of `t`. */
export const noModelNotice = (t: Translate) =>
  ({
    type: 'notice',
    level: 'warning',
    title: t('No model configured'),
    message: t(
      'This server has no AI model configured, so it cannot answer yet. Set `OPENAI_API_KEY` (and optionally `OPENAI_BASE_URL` and `THREADLINE_MODEL`) and restart the server, or start it with `--demo` (or `THREADLINE_DEMO=1`) to try the interface with an offline demo model.',
    ),
  }) as const satisfies ThreadStreamEventInput;

/** Answers every turn with {@link noModelNotice}; the user's message is still saved. */
export class NoModelResponder implements Responder {
  readonly description = 'none configured (every reply is a notice explaining how to set one)';

  async *respond(turn: TurnRequest): AsyncIterable<ThreadStreamEventInput> {
    yield noModelNotice(translatorFor(turn.context.locale));
  }
}
