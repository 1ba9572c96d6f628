// Minimal uploads: validation by count, size and accept; both strategies. Replaced by the full
// implementation (per-MIME limits, progress) when it lands.
import type { Attachment } from '@threadline/server/protocol';

export interface ValidateOptions {
  accept?: Record<string, string[]> | undefined;
  maxSize?: number | Record<string, number> | undefined;
  maxCount?: number | undefined;
  existingCount?: number | undefined;
}

export function validateFiles(
  files: File[],
  opts: ValidateOptions,
): { accepted: File[]; refused: { file: File; reason: string }[] } {
  const accepted: File[] = [];
  const refused: { file: File; reason: string }[] = [];
  const max = opts.maxCount ?? 10;
  const maxSize = typeof opts.maxSize === 'number' ? opts.maxSize : 100 * 1024 * 1024;
  for (const file of files) {
    if ((opts.existingCount ?? 0) + accepted.length >= max)
      refused.push({ file, reason: `At most ${max} files can be attached` });
    else if (file.size > maxSize) refused.push({ file, reason: 'The file is too large' });
    else accepted.push(file);
  }
  return { accepted, refused };
}

export type UploadStrategy = { type: 'direct'; uploadUrl: string } | { type: 'two_phase' };

export async function uploadAttachment(args: {
  file: File;
  strategy: UploadStrategy;
  request: (body: { type: string; params: Record<string, unknown> }) => Promise<unknown>;
  fetch: typeof fetch;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}): Promise<Attachment> {
  const { file, strategy } = args;
  if (strategy.type === 'direct') {
    const form = new FormData();
    form.append('file', file);
    const res = await args.fetch(strategy.uploadUrl, {
      method: 'POST',
      body: form,
      ...(args.signal ? { signal: args.signal } : {}),
    });
    if (!res.ok) throw new Error(`Upload failed (${res.status})`);
    args.onProgress?.(1);
    return (await res.json()) as Attachment;
  }
  const attachment = (await args.request({
    type: 'attachments.create',
    params: {
      name: file.name,
      size: file.size,
      mime_type: file.type || 'application/octet-stream',
    },
  })) as Attachment;
  const d = attachment.upload_descriptor;
  if (d) {
    const res = await args.fetch(d.url, {
      method: d.method,
      headers: d.headers,
      body: file,
      ...(args.signal ? { signal: args.signal } : {}),
    });
    if (!res.ok) throw new Error(`Upload failed (${res.status})`);
  }
  args.onProgress?.(1);
  return attachment;
}
