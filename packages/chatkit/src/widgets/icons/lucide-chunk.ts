// Lazy chunk: every Lucide icon, for `lucide:<name>` icon names (docs/protocol.md §8.8).
import { icons } from 'lucide';
import type { IconNode } from './chatkit-icons.js';

function pascal(name: string): string {
  return name
    .split(/[-_\s]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

/** The shape of `lucide:<name>` (kebab-case, as on lucide.dev), or `undefined` if unknown. */
export function lucideIcon(name: string): IconNode | undefined {
  const nodes = (icons as Record<string, unknown>)[pascal(name)];
  if (!Array.isArray(nodes)) return undefined;
  return (nodes as [string, Record<string, string | number>][]).map(
    ([tag, attrs]) =>
      [tag, Object.fromEntries(Object.entries(attrs).map(([k, v]) => [k, String(v)]))] as const,
  );
}
