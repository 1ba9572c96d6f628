// Entry of the browser runtime: defines <openai-chatkit> when no other runtime has.
import { defineChatKitElement } from './element.js';

export { ChatKitElement } from './element.js';
export type { ChatKitOptions } from './options.js';

defineChatKitElement();
