// `chatkit-link://name?key=value` links are not navigated: the renderer dispatches this DOM event
// (bubbling and composed, so it crosses the shadow root) and the element turns it into
// `chatkit.deeplink {name, data}`.

export const DEEPLINK_EVENT = 'tl-deeplink';

export interface DeeplinkDetail {
  url: string;
  name: string;
  data: Record<string, string>;
}

/** Splits `chatkit-link://name/rest?x=1` into `{name: 'name/rest', data: {x: '1'}}`. */
export function parseDeeplink(url: string): DeeplinkDetail {
  const body = url.replace(/^chatkit-link:(\/\/)?/i, '');
  const [path = '', query = ''] = body.split('?', 2);
  const data: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(query)) data[key] = value;
  return { url, name: decodeURIComponent(path.replace(/\/$/, '')), data };
}

/** Click handler for an anchor whose href is a deep link. */
export function dispatchDeeplink(event: MouseEvent, url: string): void {
  event.preventDefault();
  const target = event.currentTarget;
  target?.dispatchEvent(
    new CustomEvent<DeeplinkDetail>(DEEPLINK_EVENT, {
      detail: parseDeeplink(url),
      bubbles: true,
      composed: true,
    }),
  );
}
