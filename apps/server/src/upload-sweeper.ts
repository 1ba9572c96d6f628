import type { BlobAttachmentStore } from '@threadline/server/attachments';
import type { AppContext } from './context.js';
import type { AppLogger } from './logging.js';

/** Longest pause between sweeps; shorter ages sweep more often (a quarter of the age). */
const MAX_PERIOD_MS = 3_600_000;

/**
 * Periodically deletes uploads no message references once they are older than `maxAgeMs`
 * (`THREADLINE_UPLOAD_SWEEP_AGE_SECONDS`): never-completed, refused and never-sent uploads, their
 * rows and their bytes. A failed sweep is logged and retried at the next period.
 */
export function startUploadSweeper(
  attachments: BlobAttachmentStore<AppContext>,
  maxAgeMs: number,
  logger: AppLogger,
): () => Promise<void> {
  let running: Promise<void> | undefined;
  const sweep = () => {
    running ??= attachments
      .sweepAbandonedUploads(maxAgeMs)
      .then(
        (removed) => {
          if (removed > 0) logger.info({ removed }, 'Removed abandoned uploads');
        },
        (error: unknown) => logger.warn({ err: error }, 'Sweeping abandoned uploads failed'),
      )
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(sweep, Math.min(MAX_PERIOD_MS, Math.max(1_000, maxAgeMs / 4)));
  timer.unref();
  sweep();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
