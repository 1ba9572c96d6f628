import type { Config } from '@docusaurus/types';

/**
 * Build-time configuration: `docusaurus build` reads the environment once, here, and the browser
 * only ever sees `customFields` (never `process.env`). Rebuild the site to point it elsewhere.
 */
const threadlineUrl = (process.env.THREADLINE_URL ?? 'http://localhost:8000').replace(/\/+$/, '');

/** What the chat panel reads (src/chat/settings.ts checks the shape). */
const threadline = {
  /** The Threadline server: it serves the runtime at `/chatkit/chatkit.js` and the API at `/chatkit`. */
  url: threadlineUrl,
  /** The ChatKit `domainKey` option: Threadline's runtime does not check it, OpenAI's does. */
  domainKey: process.env.THREADLINE_DOMAIN_KEY ?? 'local',
  /** Shown in the panel's header. */
  title: process.env.THREADLINE_CHAT_TITLE ?? 'Ask the docs',
};

const config: Config = {
  title: 'Acme Widgets',
  tagline: 'Documentation with a chat that knows which page you are reading',
  url: process.env.SITE_URL ?? 'http://localhost:3000',
  baseUrl: '/',
  onBrokenLinks: 'throw',
  markdown: { hooks: { onBrokenMarkdownLinks: 'throw' } },
  // Docs only: no blog, no search service, no analytics (the classic preset would add them).
  themes: ['@docusaurus/theme-classic'],
  plugins: [
    ['@docusaurus/plugin-content-docs', { routeBasePath: '/', sidebarPath: './sidebars.ts' }],
  ],
  customFields: { threadline },
  themeConfig: {
    navbar: {
      title: 'Acme Widgets',
      items: [{ type: 'docSidebar', sidebarId: 'docs', label: 'Docs', position: 'left' }],
    },
  },
};

export default config;
