import { useEffect, useState } from 'react';

export type ColorScheme = 'light' | 'dark';

/** The host page's theme lives in `<html data-theme>`; the system preference is the default. */
function currentScheme(): ColorScheme {
  const attribute = document.documentElement.dataset.theme;
  if (attribute === 'light' || attribute === 'dark') return attribute;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/**
 * The host's colour scheme, followed live: whatever changes `data-theme` (this page's toggle, a
 * site-wide theme script) re-renders ChatKit with the matching `theme.colorScheme`.
 */
export function useHostTheme(): [ColorScheme, (scheme: ColorScheme) => void] {
  const [scheme, setScheme] = useState(currentScheme);
  useEffect(() => {
    const observer = new MutationObserver(() => setScheme(currentScheme()));
    observer.observe(document.documentElement, { attributeFilter: ['data-theme'] });
    const media = matchMedia('(prefers-color-scheme: dark)');
    const onMedia = () => setScheme(currentScheme());
    media.addEventListener('change', onMedia);
    return () => {
      observer.disconnect();
      media.removeEventListener('change', onMedia);
    };
  }, []);
  const set = (next: ColorScheme) => {
    document.documentElement.dataset.theme = next;
  };
  return [scheme, set];
}
