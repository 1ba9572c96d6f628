import { parseArgs } from 'node:util';
import type { CliOverrides } from './config.js';

/** A command-line mistake: printed with the usage, exit status 1. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const START_OPTIONS = {
  config: { type: 'string', short: 'c' },
  demo: { type: 'boolean' },
  port: { type: 'string', short: 'p' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `--config <file> --demo --port <n>` → config overrides. */
export function startOverrides(values: {
  config?: string;
  demo?: boolean;
  port?: string;
}): CliOverrides {
  let port: number | undefined;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65535) {
      throw new UsageError(
        `--port: expected an integer from 0 to 65535 (got ${JSON.stringify(values.port)})`,
      );
    }
  }
  return { configFile: values.config, demo: values.demo, port };
}

export function parseStartArgs(argv: string[]): CliOverrides & { help: boolean } {
  try {
    const { values } = parseArgs({
      args: argv,
      options: START_OPTIONS,
      allowPositionals: false,
      strict: true,
    });
    return { ...startOverrides(values), help: values.help === true };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError((error as Error).message);
  }
}
