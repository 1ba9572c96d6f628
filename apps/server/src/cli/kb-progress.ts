/** A one-line progress display for `threadline kb add` (redrawn on a terminal, a line per file otherwise). */
export class KbProgress {
  private files = 0;
  private chunks = 0;
  private embedded = 0;
  private cached = 0;
  private readonly started = Date.now();

  constructor(
    private readonly total: number,
    private readonly out: NodeJS.WriteStream = process.stderr,
  ) {}

  /** Records a finished file and redraws. */
  fileDone(
    source: string,
    result: { chunks: number; embedded: number; cached: number; status: string },
  ): void {
    this.files++;
    this.chunks += result.chunks;
    this.embedded += result.embedded;
    this.cached += result.cached;
    this.draw(`${result.status} ${source}`);
  }

  fileFailed(source: string, message: string): void {
    this.files++;
    this.draw(`failed ${source}: ${message}`, true);
  }

  private draw(last: string, always = false): void {
    const width = 24;
    const filled = Math.round((this.files / Math.max(1, this.total)) * width);
    const elapsed = (Date.now() - this.started) / 1000;
    const rate = this.files / Math.max(elapsed, 0.001);
    const eta = this.files === 0 ? 0 : Math.ceil((this.total - this.files) / rate);
    const line =
      `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${this.files}/${this.total} files · ` +
      `${this.chunks} chunks · ${this.embedded} embedded (${this.cached} cached) · ETA ${eta}s`;
    if (this.out.isTTY) {
      if (always) this.out.write(`\r\x1b[K${last}\n`);
      this.out.write(`\r\x1b[K${line}`);
      if (this.files === this.total) this.out.write('\n');
    } else {
      this.out.write(`${line} · ${last}\n`);
    }
  }

  get totals(): {
    files: number;
    chunks: number;
    embedded: number;
    cached: number;
    seconds: number;
  } {
    return {
      files: this.files,
      chunks: this.chunks,
      embedded: this.embedded,
      cached: this.cached,
      seconds: (Date.now() - this.started) / 1000,
    };
  }
}
