/** @module Web-standard HTTP handler for a ChatKit endpoint: `(Request) => Promise<Response>`. No dependencies. */
export { createChatKitHandler, SSE_HEADERS, type ChatKitHandlerOptions } from './handler.js';
export { errorResponse, jsonError, type ErrorBody } from './error-response.js';
export { readBody } from './body-limit.js';
