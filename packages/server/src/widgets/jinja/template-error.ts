import { ConfigurationError } from '../../errors.js';

/** A malformed template (Jinja `TemplateSyntaxError`), with the line it was found on. */
export function templateSyntaxError(message: string, line: number): ConfigurationError {
  return new ConfigurationError(`Widget template syntax error (line ${line}): ${message}`);
}

/** A failure while rendering (Jinja `UndefinedError`, `TypeError`…). */
export function templateRenderError(message: string): ConfigurationError {
  return new ConfigurationError(`Widget template render error: ${message}`);
}
