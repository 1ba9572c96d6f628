/**
 * @module Test utilities: `startFakeModelServer`, a local fake of the OpenAI Responses, Chat
 * Completions and Anthropic Messages APIs for end-to-end tests of model integrations, and a strict
 * SSE decoder that validates every event of a ChatKit stream. Node-only (`node:http`); no
 * test-runner dependency.
 */
export {
  startFakeModelServer,
  type FakeModelServer,
  type FakeModelServerOptions,
  type FakeTranscription,
} from './fake-model-server.js';
export {
  textDeltas,
  type FakeApi,
  type FakeError,
  type FakeRequest,
  type FakeScript,
  type FakeToolCall,
  type FakeTurn,
} from './fake-turn.js';
export { SAMPLE_PNG, samplePdf, sampleWav } from './sample-files.js';
export {
  hashEmbedding,
  startHashEmbeddingServer,
  type HashEmbeddingServer,
} from './hash-embedding-server.js';
export { decodeSse, decodeSseFrame, readSseEvents, readSseFrames, type SseFrame } from './sse.js';
