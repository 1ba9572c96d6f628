// A host page at `<app origin>/host-test/` (served through Playwright routing, so it shares the
// app's origin, visitor cookie and `/chatkit` API) that configures `<openai-chatkit>` with the
// host callbacks the app's own page has no use for: `widgets.onAction`, `entities`, `commands`.
// Everything the callbacks receive, and every `chatkit.*` event, is recorded on `window.__host`.
import type { Page } from 'playwright-core';

/** What the host page records. */
export interface HostRecord {
  actions: { action: { type: string; payload?: Record<string, unknown> }; itemId: string }[];
  searches: string[];
  commandSearches: string[];
  selected: string[];
  clicks: { id: string; title: string }[];
  events: { type: string; detail: unknown }[];
}

declare global {
  interface Window {
    __host: HostRecord;
  }
}

const SCRIPT = `
const host = (window.__host = { actions: [], searches: [], commandSearches: [], selected: [], clicks: [], events: [] });
const PEOPLE = [
  { id: 'person_ada', title: 'Ada Lovelace', icon: 'profile', group: 'People', data: { email: 'ada@example.com' } },
  { id: 'person_alan', title: 'Alan Turing', icon: 'profile', group: 'People', data: { email: 'alan@example.com' } },
];
const COMMANDS = [
  { id: 'summarize', label: 'Summarize', description: 'Summarize the thread', icon: 'notebook' },
  { id: 'people', label: 'People', description: 'Insert a person', icon: 'profile' },
];
const chat = document.querySelector('openai-chatkit');
for (const type of ['chatkit.deeplink', 'chatkit.error', 'chatkit.response.end', 'chatkit.thread.change']) {
  chat.addEventListener(type, (event) => host.events.push({ type, detail: event.detail ?? null }));
}
customElements.whenDefined('openai-chatkit').then(() => {
  chat.setOptions({
    api: { url: '/chatkit?agent_id=assistant', domainKey: 'domain_pk_local' },
    widgets: {
      async onAction(action, item) { host.actions.push({ action, itemId: item.id }); },
    },
    entities: {
      async onTagSearch(query) {
        host.searches.push(query);
        return PEOPLE.filter((p) => p.title.toLowerCase().includes(query.toLowerCase()));
      },
      onClick(entity) { host.clicks.push({ id: entity.id, title: entity.title }); },
    },
    commands: {
      enabled: true,
      async onSearch(query) {
        host.commandSearches.push(query);
        return COMMANDS.filter((c) => c.label.toLowerCase().startsWith(query.toLowerCase()));
      },
      async onSelect(command) {
        host.selected.push(command.id);
        if (command.id === 'people') return { type: 'menu', commands: [{ id: 'person_alan', label: 'Alan Turing' }] };
        if (command.id === 'person_alan') return { type: 'entity', entity: PEOPLE[1] };
        return { type: 'entity', entity: { id: 'cmd_summarize', title: 'Summarize', icon: 'notebook' } };
      },
    },
  });
});
`;

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>ChatKit host page</title>
<script type="module" src="/chatkit/chatkit.js"></script>
<style>html,body{margin:0;height:100%} openai-chatkit{display:block;height:100vh}</style>
</head><body><openai-chatkit></openai-chatkit><script type="module" src="/host-test/host.js"></script></body></html>`;

/** Routes `/host-test/` (the page) and its script for `page`; returns the page's URL. */
export async function routeHostPage(page: Page, origin: string): Promise<string> {
  await page.route(`${origin}/host-test/`, (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: PAGE }),
  );
  await page.route(`${origin}/host-test/host.js`, (route) =>
    route.fulfill({ contentType: 'text/javascript; charset=utf-8', body: SCRIPT }),
  );
  return `${origin}/host-test/`;
}

/** What the host page recorded so far. */
export const hostRecord = (page: Page): Promise<HostRecord> => page.evaluate(() => window.__host);
