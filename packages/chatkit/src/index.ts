// Entry of the browser runtime: defines <openai-chatkit> when no other runtime has.
export {};
