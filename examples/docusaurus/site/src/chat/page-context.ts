/** What the model is told about the page the reader is on (sent as request `metadata.pageContext`). */
export interface PageContext {
  url: string;
  path: string;
  title: string;
  description?: string;
  /** The first headings (h1–h3) of the rendered doc, in document order. */
  headings: string[];
}

/** Enough to know the page's topic; the server cuts metadata at 4 KB anyway (apps/server/README.md). */
const MAX_HEADINGS = 10;

/** Docusaurus's heading anchors add a zero-width space ("​#") to each heading's text. */
const headingText = (heading: Element): string =>
  (heading.textContent ?? '').replace(/[\u200b#]/g, '').trim();

/**
 * Reads the context from the rendered page at the moment of the call, so after a client-side
 * navigation the next message describes the new doc (the chat panel itself never re-renders).
 */
export function readPageContext(doc: Document = document): PageContext {
  const root = doc.querySelector('article') ?? doc.querySelector('main') ?? doc.body;
  const headings = Array.from(root.querySelectorAll('h1, h2, h3'), headingText)
    .filter((text) => text !== '')
    .slice(0, MAX_HEADINGS);
  const description = doc.querySelector('meta[name="description"]')?.getAttribute('content');
  return {
    url: doc.location.href,
    path: doc.location.pathname,
    title: doc.title,
    ...(description ? { description } : {}),
    headings,
  };
}
