/** Words too common to help a keyword search (kept short: BM25 already discounts common words). */
const STOPWORDS = new Set(
  'a an and are as at be by can do does for from has have how i in is it of on or that the this to was what when where which who why will with you your'.split(
    ' ',
  ),
);

/** The search terms of a free-text query: lower-cased words, stopwords dropped, deduplicated. */
export function queryTerms(query: string): string[] {
  const words = query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const terms = [...new Set(words.filter((word) => !STOPWORDS.has(word)))];
  return terms.length > 0 ? terms : [...new Set(words)];
}
