/** Turns texts into vectors. `model` keys the embedding cache, so change it when vectors change. */
export interface Embedder {
  readonly model: string;
  /** One vector per input, in order. Implementations batch and retry as they need. */
  embed(texts: string[], signal?: AbortSignal): Promise<Float32Array[]>;
}

/** Scales a vector to unit length (cosine similarity becomes a dot product). */
export function normalize(vector: ArrayLike<number>): Float32Array {
  const out = Float32Array.from(vector);
  let norm = 0;
  for (const value of out) norm += value * value;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < out.length; i++) out[i]! /= norm;
  return out;
}
