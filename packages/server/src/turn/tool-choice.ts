import { CustomStreamError } from '../errors.js';
import { translator } from '../i18n/catalog.js';
import { SDK_CATALOGS } from '../i18n/sdk-catalogs.js';
import type { InferenceOptions } from '../protocol/content.js';

/** Options of {@link resolveToolChoice}. */
export interface ResolveToolChoiceOptions {
  /** An id with no route: `'ignore'` (default) answers normally; `'error'` fails the turn. */
  onUnknown?: 'ignore' | 'error' | undefined;
  /** The user's locale for the error text (`SDK_CATALOGS`; English without a catalogue). */
  locale?: string | readonly string[] | undefined;
}

/**
 * Routes the composer's tool choice (`inference_options.tool_choice.id`, from `composer.tools` on
 * the client) to whatever handles it: a tool name to force, an agent to run, a prompt to add.
 * Returns undefined when the user picked no tool (or an unknown one, with `onUnknown: 'ignore'`).
 *
 * @example
 * ```ts
 * import type { Agent } from '@openai/agents';
 * import type { UserMessageItem } from '@threadline/server';
 * import { resolveToolChoice } from '@threadline/server/turn';
 * // given: declare const input: UserMessageItem | null;
 * // given: declare const searchAgent: Agent, imageAgent: Agent, defaultAgent: Agent;
 *
 * const route = resolveToolChoice(input?.inference_options, { search: searchAgent, draw: imageAgent });
 * const agent = route?.target ?? defaultAgent;
 * ```
 */
export function resolveToolChoice<TTarget>(
  inferenceOptions: InferenceOptions | null | undefined,
  routes: Readonly<Record<string, TTarget>>,
  options: ResolveToolChoiceOptions = {},
): { id: string; target: TTarget } | undefined {
  const id = inferenceOptions?.tool_choice?.id;
  if (id == null) return undefined;
  if (Object.hasOwn(routes, id)) return { id, target: routes[id] as TTarget };
  if (options.onUnknown === 'error') {
    const t = translator(SDK_CATALOGS, options.locale);
    throw new CustomStreamError(t('The tool "{tool}" is not available.', { tool: id }), {
      allowRetry: false,
    });
  }
  return undefined;
}
