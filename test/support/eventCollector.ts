import type { RecordedEvent } from '../../src/application/ports/eventStore';

/**
 * A subscription handler that records what it receives and lets a test await the moment a
 * condition holds. It also checks that deliveries never overlap.
 */
export class EventCollector {
  readonly events: RecordedEvent[] = [];
  overlapped = false;
  private running = 0;
  private waiters: { holds: (events: readonly RecordedEvent[]) => boolean; resolve: () => void }[] = [];

  constructor(private readonly onEach?: (event: RecordedEvent) => Promise<void> | void) {}

  readonly onEvent = async (event: RecordedEvent): Promise<void> => {
    this.running += 1;
    if (this.running > 1) this.overlapped = true;
    try {
      this.events.push(event);
      const ready = this.waiters.filter((waiter) => waiter.holds(this.events));
      this.waiters = this.waiters.filter((waiter) => !ready.includes(waiter));
      for (const waiter of ready) waiter.resolve();
      await this.onEach?.(event);
    } finally {
      this.running -= 1;
    }
  };

  /** Resolves once `holds(events)` is true (bounded by the test's timeout). */
  until(holds: (events: readonly RecordedEvent[]) => boolean): Promise<void> {
    if (holds(this.events)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ holds, resolve }));
  }

  /** Resolves once events of these streams number `count`. */
  untilCount(streams: readonly string[], count: number): Promise<void> {
    return this.until((events) => of(events, streams).length >= count);
  }

  /** The received events that belong to these streams, in delivery order. */
  of(streams: readonly string[]): RecordedEvent[] {
    return of(this.events, streams);
  }
}

export function of(events: readonly RecordedEvent[], streams: readonly string[]): RecordedEvent[] {
  return events.filter((event) => streams.includes(event.streamId));
}
