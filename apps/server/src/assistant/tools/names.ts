/** The built-in tools an agent may enable in the config file (`agents[].tools`). */
export const BUILTIN_TOOL_NAMES = [
  'get_current_time',
  'calculate',
  'remember',
  'recall',
  'search_resources',
  'show_card',
] as const;

export type BuiltinToolName = (typeof BUILTIN_TOOL_NAMES)[number];
