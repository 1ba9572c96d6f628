import { ConfigurationError } from '../errors.js';

/**
 * Reads a `.widget` file as UTF-8 text. The file system is looked up when called
 * (`process.getBuiltinModule`, Node ≥ 20.16, Bun, Deno) rather than imported, so the
 * `@threadline/server/widgets` entry keeps no `node:` import and loads on any runtime.
 *
 * @throws ConfigurationError on a runtime without `node:fs`.
 */
export async function readWidgetFile(path: string | URL): Promise<string> {
  const fs =
    typeof process === 'object' && typeof process.getBuiltinModule === 'function'
      ? process.getBuiltinModule('node:fs/promises')
      : undefined;
  if (fs === undefined) {
    throw new ConfigurationError(
      'WidgetTemplate.fromFile needs node:fs; on this runtime read the file yourself and use WidgetTemplate.fromJSON',
    );
  }
  return fs.readFile(path, 'utf8');
}
