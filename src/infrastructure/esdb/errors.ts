import { WrongExpectedVersionError } from '@eventstore/db-client';
// The client's own parser, so the host we name is exactly the one it connects to. Deep import:
// the package (6.x, no "exports" map) does not re-export it from its index.
import { parseConnectionString } from '@eventstore/db-client/dist/Client/parseConnectionString';
import {
  EventStoreError,
  WrongExpectedRevisionError,
  type ExpectedRevision,
} from '../../application/ports/eventStore';
import { fromEsdbCurrentRevision } from './revisions';

/** "host:port[,host:port]" from a connection string, never its credentials or options. */
export function describeEndpoint(connectionString: string): string {
  try {
    const { hosts, dnsDiscover } = parseConnectionString(connectionString);
    const list = hosts.map((host) => `${host.address}:${host.port}`).join(',');
    return dnsDiscover ? `${list} (DNS discovery)` : list;
  } catch {
    return 'an unparsable EventStoreDB connection string';
  }
}

/** Any failure of the store itself: what was attempted, on which stream, against which server. */
export function storeFailure(
  operation: string,
  streamId: string | undefined,
  endpoint: string,
  cause: unknown,
): EventStoreError {
  if (cause instanceof EventStoreError) return cause;
  const what = streamId === undefined ? operation : `${operation} on stream "${streamId}"`;
  const reason = cause instanceof Error && cause.message !== '' ? cause.message : String(cause);
  return new EventStoreError(`EventStoreDB ${what} failed at ${endpoint}: ${reason}`, { cause });
}

/**
 * An append failure as the port reports it: a conflict with the revision actually found, or a store
 * failure. The expected revision comes from our caller, not from the server's echo of it (older
 * servers echo sentinels such as -1 or -4 there).
 */
export function appendFailure(
  error: unknown,
  streamId: string,
  expected: ExpectedRevision,
  endpoint: string,
): Error {
  if (error instanceof WrongExpectedVersionError) {
    return new WrongExpectedRevisionError(streamId, expected, fromEsdbCurrentRevision(error.actualVersion));
  }
  return storeFailure('append', streamId, endpoint, error);
}
