/**
 * A single-consumer async queue: tools push events while a model streams, the turn's merge loop
 * pulls them (chatkit-python's `asyncio.Queue` inside `AgentContext`). A pending read can be
 * abandoned with {@link AsyncQueue.cancelWait}, so a value pushed later stays buffered for the
 * final drain instead of being lost.
 */
export class AsyncQueue<T> {
  private buffer: T[] = [];
  private head = 0;
  private waiter: ((result: IteratorResult<T, undefined>) => void) | undefined;
  private closed = false;
  private listener: (() => void) | undefined;

  /** Number of buffered values. */
  get size(): number {
    return this.buffer.length - this.head;
  }

  /** Whether {@link close} was called. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Adds a value; a waiting reader receives it directly, else it is buffered. */
  push(value: T): void {
    const waiter = this.waiter;
    if (waiter) {
      this.waiter = undefined;
      waiter({ value, done: false });
      return;
    }
    this.buffer.push(value);
    this.listener?.();
  }

  /** Called (synchronously) whenever a value is buffered; one listener at a time. */
  onPush(listener: (() => void) | undefined): void {
    this.listener = listener;
  }

  /** Removes and returns the oldest buffered value, or undefined when the buffer is empty. */
  poll(): T | undefined {
    return this.size > 0 ? this.shift() : undefined;
  }

  /** Marks the end: once the buffer is empty, reads report `done`. */
  close(): void {
    this.closed = true;
    const waiter = this.waiter;
    if (waiter && this.size === 0) {
      this.waiter = undefined;
      waiter({ value: undefined, done: true });
    }
  }

  /** The next value, waiting for one if the buffer is empty. One reader at a time. */
  next(): Promise<IteratorResult<T, undefined>> {
    if (this.size > 0) return Promise.resolve({ value: this.shift(), done: false });
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.waiter = resolve;
    });
  }

  /**
   * Abandons a pending {@link next}; values pushed afterwards are buffered. Returns false when no
   * read was waiting (its value, if any, was already handed over).
   */
  cancelWait(): boolean {
    const had = this.waiter !== undefined;
    this.waiter = undefined;
    return had;
  }

  /** Removes and returns every buffered value without waiting. */
  takeAll(): T[] {
    const values = this.buffer.slice(this.head);
    this.buffer = [];
    this.head = 0;
    return values;
  }

  private shift(): T {
    const value = this.buffer[this.head] as T;
    this.head += 1;
    if (this.head > 64 && this.head * 2 > this.buffer.length) {
      this.buffer = this.buffer.slice(this.head);
      this.head = 0;
    }
    return value;
  }
}
