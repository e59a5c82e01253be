import {
  AccessDeniedError,
  InvalidArgumentError,
  UnsupportedError,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type ReadPosition,
} from '@eventstore/db-client';
import type { RecordedEvent, SubscribeOptions, Subscription } from '../../application/ports/eventStore';
import { toReadPosition } from './positions';
import { toRecordedEvent, type EsdbEventView } from './events';

/** Bounded exponential backoff between resubscriptions; the count resets once the server confirms. */
export interface ReconnectPolicy {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** Consecutive failed attempts before the subscription gives up and reports through onError. */
  readonly maxAttempts: number;
}

export const DEFAULT_RECONNECT: ReconnectPolicy = { initialDelayMs: 100, maxDelayMs: 10_000, maxAttempts: 30 };

/** Delay before the attempt-th consecutive resubscription (1-based). */
export function reconnectDelay(attempt: number, policy: ReconnectPolicy): number {
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, attempt - 1));
}

/** What the subscription needs from the store: a filtered catch-up subscription and its selection. */
export interface SubscriptionSource {
  subscribe(fromPosition: ReadPosition): AllStreamSubscription;
  accepts(event: EsdbEventView): boolean;
  failure(cause: unknown): Error;
}

type Outcome = { readonly kind: 'dropped'; readonly error?: unknown } | { readonly kind: 'failed'; readonly error: Error };

/**
 * One catch-up subscription to $all, delivering one event at a time. It remembers the position of
 * the last event the handler finished, resubscribes from exactly there after a drop, and drops any
 * event at or before it: the server starts after an exact position (KurrentDB AllSubscriptionFiltered
 * skips `eventPosition <= checkpoint`), and the check here keeps that true on any server version, so
 * events are neither skipped nor repeated across reconnects.
 */
export class EsdbSubscription implements Subscription {
  private stopping = false;
  private last: bigint | undefined;
  private current: AllStreamSubscription | undefined;
  private wake: (() => void) | undefined;
  private readonly finished: Promise<void>;

  constructor(
    private readonly source: SubscriptionSource,
    private readonly options: SubscribeOptions,
    private readonly policy: ReconnectPolicy,
    onFinished: (subscription: EsdbSubscription) => void,
  ) {
    this.last = options.after;
    this.finished = this.run().finally(() => onFinished(this));
  }

  /** Calling this from inside the handler is fine; awaiting it there would wait for itself. */
  stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    if (this.current) release(this.current);
    return this.finished;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      const outcome = await this.consume(() => (failures = 0));
      if (this.stopping) return;
      if (outcome.kind === 'failed') return this.report(outcome.error);
      failures += 1;
      if (failures > this.policy.maxAttempts) {
        return this.report(this.source.failure(new Error(`gave up after ${this.policy.maxAttempts} attempts to resubscribe: ${describe(outcome.error)}`)));
      }
      await this.pause(reconnectDelay(failures, this.policy));
    }
  }

  private async consume(healthy: () => void): Promise<Outcome> {
    const subscription = this.source.subscribe(toReadPosition(this.last));
    this.current = subscription;
    subscription.on('confirmation', healthy);
    try {
      for await (const resolved of subscription as AsyncIterable<AllStreamResolvedEvent>) {
        if (this.stopping) break;
        const raw = resolved.event;
        if (raw === undefined || !this.source.accepts(raw)) continue;
        let event: RecordedEvent;
        try {
          event = toRecordedEvent(raw);
        } catch (error) {
          return { kind: 'failed', error: asError(error) };
        }
        if (this.last !== undefined && event.position <= this.last) continue;
        healthy();
        try {
          await this.options.onEvent(event);
        } catch (error) {
          return { kind: 'failed', error: asError(error) };
        }
        this.last = event.position;
      }
      return { kind: 'dropped' };
    } catch (error) {
      if (isPermanent(error)) return { kind: 'failed', error: this.source.failure(error) };
      return { kind: 'dropped', error };
    } finally {
      this.current = undefined;
      release(subscription);
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      // unref: a subscription waiting to reconnect must never keep the process alive on its own.
      const timer = setTimeout(done, ms).unref();
      this.wake = done;
    });
  }

  private report(error: Error): void {
    if (this.options.onError) this.options.onError(error);
    else process.emitWarning(error);
  }
}

/** Ends local iteration at once and cancels the call; never waits on a server that may be gone. */
function release(subscription: AllStreamSubscription): void {
  subscription.on('error', () => undefined);
  subscription.unsubscribe().catch(() => undefined);
  subscription.destroy();
}

/** Errors a resubscription cannot cure: it would fail the same way every time. */
function isPermanent(error: unknown): boolean {
  return (
    error instanceof AccessDeniedError ||
    error instanceof InvalidArgumentError ||
    error instanceof UnsupportedError
  );
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

function describe(error: unknown): string {
  if (error === undefined) return 'the server ended the subscription';
  return error instanceof Error ? error.message : String(error);
}
