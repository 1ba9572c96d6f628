import BrowserOnly from '@docusaurus/BrowserOnly';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import { useMemo, type ReactNode } from 'react';
import ChatPanel from '../components/ChatPanel';
import { threadlineSettings } from '../chat/settings';

/**
 * The theme's Root (a "swizzled" wrapper): rendered around every page and never unmounted on
 * navigation, so one chat panel serves the whole site. `BrowserOnly` keeps it out of the static
 * HTML that `docusaurus build` renders on Node (no `document`, no custom elements there).
 */
export default function Root({ children }: { children: ReactNode }): ReactNode {
  const { siteConfig } = useDocusaurusContext();
  const { customFields } = siteConfig;
  const settings = useMemo(() => threadlineSettings(customFields ?? {}), [customFields]);
  return (
    <>
      {children}
      <BrowserOnly>{() => <ChatPanel settings={settings} />}</BrowserOnly>
    </>
  );
}
