/** The logging surface the server uses; pino, console and most loggers fit it. */
export interface Logger {
  debug(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

/** Default: warnings and errors to the console, routine messages dropped. */
export const consoleLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: (message, ...details) => console.warn(`[threadline] ${message}`, ...details),
  error: (message, ...details) => console.error(`[threadline] ${message}`, ...details),
};
