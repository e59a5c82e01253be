/** Every stream name is built here. Categories have no dash; the part after the first dash is the id. */
export const userStream = (usernameKey: string) => `user-${usernameKey}`;
export const unknownLoginStream = (usernameDigest: string) => `unknownlogin-${usernameDigest}`;

/** What dynpass writes; an EventStoreDB subscription filters $all to these. */
export const DYNPASS_STREAM_PREFIXES: readonly string[] = ['user-', 'unknownlogin-'];

export function usernameKeyOfStream(streamId: string): string | null {
  return streamId.startsWith('user-') ? streamId.slice('user-'.length) : null;
}
export function digestOfStream(streamId: string): string | null {
  return streamId.startsWith('unknownlogin-') ? streamId.slice('unknownlogin-'.length) : null;
}
