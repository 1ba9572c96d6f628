/** What the model should know about the page the visitor is reading, read fresh per request. */
export interface PageContext {
  url: string;
  title: string;
  description: string | null;
  headings: string[];
}

const MAX_HEADINGS = 20;

export function readPageContext(root: ParentNode = document): PageContext {
  const description = document.querySelector<HTMLMetaElement>('meta[name="description"]');
  const headings = [...root.querySelectorAll('h1, h2, h3')]
    .map((heading) => heading.textContent?.replace(/\s+/g, ' ').trim() ?? '')
    .filter((text) => text !== '')
    .slice(0, MAX_HEADINGS);
  return {
    url: location.href,
    title: document.title,
    description: description?.content ?? null,
    headings,
  };
}
