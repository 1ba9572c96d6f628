import {
  loadHistory,
  resolveToolChoice,
  selectModel,
  turnInferenceOptions,
} from '@threadline/server/turn';
import type { AppConfig } from '../../config.js';
import type { AgentRegistry } from '../agents.js';
import { localeInstructions } from '../../i18n/index.js';
import { metadataInstructions } from '../request-metadata.js';
import type { TurnRequest } from '../responder.js';

/**
 * What every model responder decides before calling its provider: the history (bounded by
 * `THREADLINE_HISTORY_LIMIT`), the model (`inference_options.model` among the agent's allowed
 * ones), the composer tool picked for this turn and the instructions (the agent's, any `extra`,
 * the picked tool's, then the request's page context and the user's locale).
 */
export async function planTurn(
  turn: TurnRequest,
  config: AppConfig['model'],
  agents: AgentRegistry,
  extra?: string,
) {
  const { thread, input, context, agent, store } = turn;
  const history = await loadHistory(store, thread, context, { limit: config.historyLimit });
  const options = turnInferenceOptions(input, history);
  const modelName = selectModel(options, {
    allowed: agents.allowedModels(agent),
    default: agents.modelOf(agent),
    onUnknown: 'error',
    locale: context.locale,
  });
  const composerTools = Object.fromEntries(agent.composerTools.map((t) => [t.id, t]));
  const picked = resolveToolChoice(options, composerTools)?.target;
  const instructions = [
    agent.instructions,
    extra,
    picked?.instructions,
    metadataInstructions(context.requestMetadata),
    localeInstructions(context.locale),
  ]
    .filter(Boolean)
    .join('\n\n');
  return { history, options, modelName, picked, instructions };
}
