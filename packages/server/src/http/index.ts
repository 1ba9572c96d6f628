/** @module Web-standard HTTP handler for a ChatKit endpoint: `(Request) => Promise<Response>`. No dependencies. */
export {
  createChatKitHandler,
  type ChatKitCall,
  type ChatKitCloseOptions,
  type ChatKitHandler,
  type ChatKitHandlerOptions,
} from './handler.js';
export { OpenStreams, type OpenStream } from './open-streams.js';
export { jsonError, type ErrorBody } from './error-response.js';
