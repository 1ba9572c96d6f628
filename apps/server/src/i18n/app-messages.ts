/**
 * The English texts the app itself shows users (progress lines, notices), as catalogue keys;
 * `catalogs/` translates them into the client's locales. The SDK's own texts (friendly errors,
 * forms) are in `SDK_CATALOGS`. A test checks every locale has every key.
 */
export const APP_MESSAGE_KEYS = [
  // Progress (assistant/progress.ts)
  'Analyzing your request…',
  'Preparing a response…',
  'Searching for "{query}"…',
  'Searching knowledge base…',
  'Finding quotes for "{query}"…',
  'Finding relevant quotes…',
  'Saving to memory…',
  'Recalling from memory…',
  'Checking the time…',
  'Calculating…',
  'Executing {tool}…',
  // Notices
  'No model configured',
  'This server has no AI model configured, so it cannot answer yet. Set `OPENAI_API_KEY` (and optionally `OPENAI_BASE_URL` and `THREADLINE_MODEL`) and restart the server, or start it with `--demo` (or `THREADLINE_DEMO=1`) to try the interface with an offline demo model.',
  'The assistant could not read **{name}**: its file type is not supported.',
  'The assistant could not read **{name}**: its content could not be read.',
  'The assistant could not read **{name}**: the file is no longer available.',
] as const;

export type AppMessageKey = (typeof APP_MESSAGE_KEYS)[number];
