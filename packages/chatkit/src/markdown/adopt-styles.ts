// Puts a stylesheet once into the root (shadow root or document) that holds a rendered node, so
// lazily loaded parts (highlighting, math) bring their CSS with them wherever the element lives.

const adopted = new WeakMap<Node, Set<string>>();

/** Adds `css` under `id` to the shadow root or document `node` belongs to, unless it is there already. */
export function adoptStyles(node: Node, id: string, css: string): void {
  const root = node.getRootNode();
  const seen = adopted.get(root) ?? new Set<string>();
  if (seen.has(id)) return;
  seen.add(id);
  adopted.set(root, seen);
  const doc = node.ownerDocument ?? document;
  const style = doc.createElement('style');
  style.dataset.tlStyle = id;
  style.textContent = css;
  const host = root instanceof ShadowRoot ? root : doc.head;
  host.append(style);
}

/** Adds `css` once to the document head: `@font-face` only takes effect there, not in shadow roots. */
export function adoptDocumentStyles(doc: Document, id: string, css: string): void {
  adoptStyles(doc.documentElement, id, css);
}
