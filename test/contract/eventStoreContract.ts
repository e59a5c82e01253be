import type { EventStore } from '../../src/application/ports/eventStore';
import { appendCases } from './appendCases';
import { concurrencyCases } from './concurrencyCases';
import { projectionCases } from './projectionCases';
import { readAllCases } from './readAllCases';
import { subscriptionCases } from './subscriptionCases';

export interface StoreFixture {
  readonly store: EventStore;
  /** Closes the store and removes whatever makeStore created. */
  cleanup(): Promise<void>;
}

/**
 * The one suite every EventStore adapter must pass. makeStore runs before each case; with a
 * skipReason (no server, no container runtime) the cases are registered as skipped and the reason
 * printed, so a missing adapter shows up as skipped, never as passing.
 */
export function describeEventStoreContract(
  name: string,
  makeStore: () => Promise<StoreFixture>,
  options: { skipReason?: string } = {},
): void {
  const title = `${name} event store contract`;
  const { skipReason } = options;
  if (skipReason !== undefined) process.stdout.write(`${title} SKIPPED: ${skipReason}\n`);
  const describeOrSkip = skipReason === undefined ? describe : describe.skip;

  describeOrSkip(title, () => {
    let fixture: StoreFixture | undefined;
    beforeEach(async () => {
      fixture = await makeStore();
    });
    afterEach(async () => {
      await fixture?.cleanup();
      fixture = undefined;
    });
    const current = (): EventStore => {
      if (fixture === undefined) throw new Error(`${name}: makeStore gave no store`);
      return fixture.store;
    };

    appendCases(current);
    concurrencyCases(current);
    readAllCases(current);
    subscriptionCases(current);
    projectionCases(current);
  });
}
