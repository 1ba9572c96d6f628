/** What an integration knows about the request, e.g. from the ChatKit request `metadata` or auth. */
export interface RequestMetadata {
  user?: { id?: string; name?: string; email?: string } | undefined;
  /** BCP 47 locale, e.g. from `Accept-Language`. */
  locale?: string | undefined;
  /** IANA time zone, e.g. `Europe/Paris`. */
  timezone?: string | undefined;
  /** The page the chat is embedded in. */
  page?: { url?: string; title?: string } | undefined;
  /** The current time; pass it to make outputs reproducible. Omitted when undefined. */
  now?: Date | string | undefined;
  /** Any further facts, one line each. */
  extra?: Readonly<Record<string, string | number | boolean>> | undefined;
}

/** Values come from the client: one line each, so they cannot add structure to the prompt. */
const oneLine = (value: string): string => value.replace(/\s+/g, ' ').trim().slice(0, 500);

/** The "Request context" block {@link withRequestMetadata} appends; empty when nothing is known. */
export function requestMetadataBlock(metadata: RequestMetadata): string {
  const lines: string[] = [];
  const add = (label: string, value: string | number | boolean | undefined) => {
    if (value === undefined || value === '') return;
    lines.push(`- ${label}: ${oneLine(String(value))}`);
  };
  add('User name', metadata.user?.name);
  add('User email', metadata.user?.email);
  add('User id', metadata.user?.id);
  add('Locale', metadata.locale);
  add('Time zone', metadata.timezone);
  const page = metadata.page;
  if (page?.title && page.url) add('Current page', `${page.title} (${page.url})`);
  else add('Current page', page?.title ?? page?.url);
  if (metadata.now !== undefined) {
    add(
      'Current time',
      typeof metadata.now === 'string' ? metadata.now : metadata.now.toISOString(),
    );
  }
  for (const [key, value] of Object.entries(metadata.extra ?? {})) add(key, value);
  return lines.length === 0 ? '' : `# Request context\n${lines.join('\n')}`;
}

/**
 * Instructions with the request's metadata (user, locale, time zone, page, time) appended as a
 * "Request context" section, so the model can personalise answers. Client-provided values are
 * flattened to single lines and capped at 500 characters each.
 */
export function withRequestMetadata(instructions: string, metadata: RequestMetadata): string {
  const block = requestMetadataBlock(metadata);
  if (block === '') return instructions;
  return instructions === '' ? block : `${instructions}\n\n${block}`;
}
