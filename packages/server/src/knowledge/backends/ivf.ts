/**
 * An inverted-file (IVF) partitioning of unit vectors: k-means centroids split the vectors into
 * clusters, and a query scans only the clusters whose centroids are nearest to it. With about
 * √n clusters and a fixed number of probed clusters, a query compares itself with O(√n)
 * vectors instead of n, at the cost of missing neighbours that fell into unprobed clusters.
 */
import { normalize } from '../embeddings/embedder.js';

/** Fewer vectors than this are scanned exactly (one cluster): the scan is already cheap. */
export const IVF_MIN_VECTORS = 4096;
/** Clusters probed per query. */
export const IVF_PROBES = 16;
const ITERATIONS = 8;
const SAMPLE_PER_CLUSTER = 40;

/**
 * The number of clusters for `count` vectors: about √count. Fewer (√count / 2) left each probed
 * cluster twice as large and doubled the vectors a query scans, with no recall gained on the
 * bench's labelled questions.
 */
export const clusterCount = (count: number): number =>
  Math.max(IVF_PROBES, Math.round(Math.sqrt(count)));

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

/** The index of the centroid nearest (largest dot product) to a unit vector. */
export function nearestCentroid(vector: Float32Array, centroids: readonly Float32Array[]): number {
  let best = 0;
  let bestScore = -Infinity;
  for (let c = 0; c < centroids.length; c++) {
    const score = dot(vector, centroids[c]!);
    if (score > bestScore) {
      bestScore = score;
      best = c;
    }
  }
  return best;
}

/** The indexes of the `probes` centroids nearest to a query, nearest first. */
export function probedClusters(
  query: Float32Array,
  centroids: readonly Float32Array[],
  probes = IVF_PROBES,
): number[] {
  return centroids
    .map((centroid, index) => ({ index, score: dot(query, centroid) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, probes)
    .map((entry) => entry.index);
}

/**
 * Spherical k-means over an evenly spread sample of `vectors` (unit length): `k` unit centroids,
 * deterministic (seeded from evenly spaced sample vectors), a few Lloyd iterations.
 */
export function trainCentroids(vectors: readonly Float32Array[], k: number): Float32Array[] {
  const size = Math.min(vectors.length, k * SAMPLE_PER_CLUSTER);
  const step = vectors.length / size;
  const sample = Array.from({ length: size }, (_, i) => vectors[Math.floor(i * step)]!);
  const dimensions = sample[0]!.length;
  let centroids: Float32Array[] = Array.from({ length: k }, (_, i) =>
    Float32Array.from(sample[Math.floor((i * size) / k)]!),
  );
  for (let iteration = 0; iteration < ITERATIONS; iteration++) {
    const sums = Array.from({ length: k }, () => new Float32Array(dimensions));
    const counts = new Array<number>(k).fill(0);
    for (const vector of sample) {
      const c = nearestCentroid(vector, centroids);
      const sum = sums[c]!;
      for (let i = 0; i < dimensions; i++) sum[i]! += vector[i]!;
      counts[c]!++;
    }
    // An empty cluster keeps its centroid.
    centroids = sums.map((sum, c) => (counts[c]! > 0 ? normalize(sum) : centroids[c]!));
  }
  return centroids;
}
