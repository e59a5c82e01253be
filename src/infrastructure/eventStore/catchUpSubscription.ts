import type { RecordedEvent, SubscribeOptions, Subscription } from '../../application/ports/eventStore';

/**
 * A catch-up subscription for stores that can read $all in pages: read after the last delivered
 * position until a page comes back empty, then wait for a local append, a poll tick (for writers
 * this process cannot see, such as another process on the same SQLite file) or stop().
 * It only ever asks for events after the last one it delivered, so it cannot skip or repeat.
 */

/** Counts local appends and wakes whoever waits for the next one. */
export class ChangeSignal {
  private count = 0;
  private readonly listeners = new Set<() => void>();

  get version(): number {
    return this.count;
  }

  notify(): void {
    this.count += 1;
    for (const listener of [...this.listeners]) listener();
  }

  /** Calls `listener` once, on the next change after `seen` (at once if it already happened). */
  onChangeAfter(seen: number, listener: () => void): () => void {
    if (this.count !== seen) {
      listener();
      return () => undefined;
    }
    const once = (): void => {
      this.listeners.delete(once);
      listener();
    };
    this.listeners.add(once);
    return () => this.listeners.delete(once);
  }
}

export interface CatchUpSource {
  readPage(after: bigint | undefined, limit: number): Promise<RecordedEvent[]>;
  readonly changes: ChangeSignal;
  readonly pageSize: number;
  /** Also look for new events this often; undefined when every append is local (memory). */
  readonly pollIntervalMs?: number;
}

export class CatchUpSubscription implements Subscription {
  private stopping = false;
  private wake: (() => void) | undefined;
  private readonly finished: Promise<void>;

  constructor(
    private readonly source: CatchUpSource,
    private readonly options: SubscribeOptions,
    onFinished: (subscription: CatchUpSubscription) => void,
  ) {
    this.finished = this.run().finally(() => onFinished(this));
  }

  /** Calling this from inside the handler is fine; awaiting it there would wait for itself. */
  stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    return this.finished;
  }

  private async run(): Promise<void> {
    let after = this.options.after;
    try {
      while (!this.stopping) {
        const seen = this.source.changes.version;
        const page = await this.source.readPage(after, this.source.pageSize);
        for (const event of page) {
          if (this.stopping) return;
          await this.options.onEvent(event);
          after = event.position;
        }
        if (page.length === 0) await this.idle(seen);
      }
    } catch (error) {
      this.report(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private idle(seen: number): Promise<void> {
    // An append between our read and now would otherwise go unnoticed until the next one.
    if (this.stopping || this.source.changes.version !== seen) return Promise.resolve();
    return new Promise((resolve) => {
      let cancel = (): void => undefined;
      let timer: NodeJS.Timeout | undefined;
      const done = (): void => {
        clearTimeout(timer);
        cancel();
        this.wake = undefined;
        resolve();
      };
      const interval = this.source.pollIntervalMs;
      // unref: a waiting subscription must never keep the process alive on its own.
      if (interval !== undefined) timer = setTimeout(done, interval).unref();
      cancel = this.source.changes.onChangeAfter(seen, done);
      this.wake = done;
    });
  }

  private report(error: Error): void {
    if (this.options.onError) this.options.onError(error);
    else process.emitWarning(error);
  }
}
