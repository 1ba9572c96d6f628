/** The chat's build-time settings, from `customFields.threadline` of docusaurus.config.ts. */
export interface ThreadlineSettings {
  /** The Threadline server's origin (and base path), without a trailing slash. */
  url: string;
  domainKey: string;
  title: string;
}

/** Reads and checks `customFields.threadline`: a broken config fails the build's render, not a reader. */
export function threadlineSettings(customFields: Record<string, unknown>): ThreadlineSettings {
  const value = customFields['threadline'];
  if (typeof value !== 'object' || value === null) {
    throw new Error('docusaurus.config.ts: customFields.threadline is missing');
  }
  const fields = value as Record<string, unknown>;
  const text = (name: keyof ThreadlineSettings): string => {
    const field = fields[name];
    if (typeof field !== 'string' || field === '') {
      throw new Error(`docusaurus.config.ts: customFields.threadline.${name} must be a string`);
    }
    return field;
  };
  return { url: text('url'), domainKey: text('domainKey'), title: text('title') };
}
