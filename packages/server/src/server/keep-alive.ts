/** An SSE comment: clients ignore it, proxies see traffic on an otherwise idle stream. */
export const KEEP_ALIVE_FRAME = ': keep-alive\n\n';

/**
 * Sends `KEEP_ALIVE_FRAME` whenever `frames` has produced nothing for `intervalMs` (a long tool
 * call, a slow model), so proxies that cut idle connections keep the stream open. One timer per
 * stream, re-armed only while a pull is waiting; frames pass through unchanged and in order.
 */
export function withKeepAlive(
  frames: AsyncIterable<string>,
  intervalMs: number,
): AsyncIterableIterator<string> {
  const source = frames[Symbol.asyncIterator]();
  let inflight: Promise<IteratorResult<string>> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stopTimer = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    next() {
      const pending = (inflight ??= source.next());
      return new Promise<IteratorResult<string>>((resolve, reject) => {
        // Per pull: a keep-alive answers this pull, the frame then goes to a later one.
        let answered = false;
        const own = setTimeout(() => {
          answered = true;
          resolve({ value: KEEP_ALIVE_FRAME, done: false });
        }, intervalMs);
        timer = own;
        const settle = () => {
          answered = true;
          clearTimeout(own);
          inflight = undefined;
        };
        pending.then(
          (result) => {
            if (answered) return;
            settle();
            resolve(result);
          },
          (error: unknown) => {
            if (answered) return;
            settle();
            // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passed through as thrown
            reject(error);
          },
        );
      });
    },
    async return() {
      stopTimer();
      inflight = undefined;
      return (await source.return?.()) ?? { value: undefined, done: true };
    },
  };
}
