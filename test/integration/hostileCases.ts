import { gzipSync } from 'node:zlib';

/** One hostile request, written byte for byte (see hostile.test.ts for what every answer must be). */
export interface HostileCase {
  readonly name: string;
  readonly method: string;
  /** The request target exactly as sent: nothing normalises or re-encodes it. */
  readonly path: string;
  /** Sends `Authorization: Bearer <that user's token>`. */
  readonly as?: 'admin' | 'alice';
  /** Extra header lines; values are written as latin-1, so any byte can be expressed. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
  /** Default `application/json` when there is a body; null sends none. */
  readonly contentType?: string | null;
  readonly status: number;
  /** Well-formed login that must fail like any other: the generic 401, one failed attempt recorded. */
  readonly loginFailure?: true;
}

const json = (value: unknown) => JSON.stringify(value);
const utf8AsLatin1 = (text: string) => Buffer.from(text, 'utf8').toString('latin1');
const deep = (open: string, close: string, levels: number) => open.repeat(levels) + close.repeat(levels);

/** An ordinary, valid password, so only the hostile part of a request can be what is refused. */
const GOOD = 'quite-long-password-1';

const login = (name: string, body: string | Buffer, status: number, more: Partial<HostileCase> = {}): HostileCase => ({
  name: `login: ${name}`, method: 'POST', path: '/auth/login', body, status, ...more,
});
/** Each uses its own username, so no future lockout threshold is reached by this table. */
const loginFails = (name: string, username: string, password = 'wrong-password-1'): HostileCase => ({
  name: `login: ${name}`, method: 'POST', path: '/auth/login', body: json({ username, password }), status: 401, loginFailure: true,
});
const register = (name: string, body: string | Buffer, status: number, more: Partial<HostileCase> = {}): HostileCase => ({
  name: `POST /users: ${name}`, method: 'POST', path: '/users', as: 'admin', body, status, ...more,
});
const newUser = (username: unknown, password: unknown = GOOD) => json({ username, password });
const staffRoute = (method: string, path: string, status: number, more: Partial<HostileCase> = {}): HostileCase => ({
  name: `${method} ${path.length > 60 ? `${path.slice(0, 40)}…(${path.length})` : path}${more.as === 'alice' ? ' as a non-staff user' : ''}`,
  method, path, as: 'admin', status, ...more,
});
const audit = (query: string, status = 400, more: Partial<HostileCase> = {}): HostileCase => ({
  name: `GET /audit?${query.length > 60 ? `${query.slice(0, 40)}…` : query}`, method: 'GET', path: `/audit?${query}`, as: 'admin', status, ...more,
});

const LOGIN_CASES: HostileCase[] = [
  login('malformed JSON', '{"username": "admin",', 400),
  login('truncated JSON', '{"username":"admin","password":"adm', 400),
  login('trailing garbage', `${newUser('admin', 'x')} x`, 400),
  login('single quotes', "{'username':'admin','password':'x'}", 400),
  login('a comment', '{"username":"admin", /* hi */ "password":"x"}', 400),
  login('NaN', '{"username":"admin","password":NaN}', 400),
  login('an empty JSON body', '', 400),
  login('no body and no content type', '', 415, { contentType: null }),
  login('text/plain', newUser('admin'), 415, { contentType: 'text/plain' }),
  login('a form', 'username=admin&password=x', 415, { contentType: 'application/x-www-form-urlencoded' }),
  login('multipart', '--b\r\nContent-Disposition: form-data; name="username"\r\n\r\nadmin\r\n--b--', 415, { contentType: 'multipart/form-data; boundary=b' }),
  login('a JSON look-alike type', newUser('admin'), 415, { contentType: 'application/jsonx' }),
  login('UTF-16 JSON', Buffer.from(newUser('nobody-utf16', 'x'), 'utf16le'), 415, { contentType: 'application/json; charset=utf-16le' }),
  login('UTF-16 JSON with a BOM', Buffer.from(`\ufeff${newUser('nobody-utf16', 'x')}`, 'utf16le'), 415, { contentType: 'application/json; charset=UTF-16' }),
  login('UTF-32 declared', newUser('nobody-utf32', 'x'), 415, { contentType: 'application/json; charset=utf-32' }),
  login('an unsupported content encoding', newUser('admin'), 415, { headers: { 'Content-Encoding': 'compress' } }),
  login('gzip that is not gzip', 'not gzip at all', 400, { headers: { 'Content-Encoding': 'gzip' } }),
  login('a gzip bomb (10 MB inflated)', gzipSync(`{"username":"${'a'.repeat(10_000_000)}"}`), 413, { headers: { 'Content-Encoding': 'gzip' } }),
  login('an array', '[]', 400),
  login('a string', '"admin"', 400),
  login('a number', '42', 400),
  login('null', 'null', 400),
  login('null fields', json({ username: null, password: null }), 400),
  login('an array username', json({ username: ['admin'], password: 'x' }), 400),
  login('an object username', json({ username: { first: 'admin' }, password: 'x' }), 400),
  login('a number password', json({ username: 'admin', password: 12345678 }), 400),
  login('a boolean password', json({ username: 'admin', password: true }), 400),
  login('__proto__ at the top', `{"username":"admin","password":"x","__proto__":{"polluted":true,"staff":true}}`, 400),
  login('constructor.prototype', `{"username":"admin","password":"x","constructor":{"prototype":{"polluted":true}}}`, 400),
  login('__proto__ nested in a field', `{"username":{"__proto__":{"polluted":true}},"password":"x"}`, 400),
  login('__proto__ inside an array', `{"username":[{"__proto__":{"polluted":true}}],"password":"x"}`, 400),
  login('a prototype key', `{"username":"admin","password":"x","prototype":{"polluted":true}}`, 400),
  login('a duplicate username', '{"username":"nobody-dup","username":"admin","password":"x"}', 400),
  login('a duplicate written with an escape', '{"username":"nobody-dup2","us\\u0065rname":"admin","password":"x"}', 400),
  login('an extra field', json({ username: 'admin', password: 'x', staff: true }), 400),
  login('7000 levels of [ in a field', `{"username":${deep('[', ']', 7000)},"password":"x"}`, 400),
  login('2500 levels of objects', `{"username":"a","password":"x","n":${deep('{"n":', '}', 2500).replace(/\{"n":\}/, '{}')}}`, 400),
  login('10000 unclosed [', '['.repeat(10_000), 400),
  login('8000 levels of [ at the top', deep('[', ']', 8000), 400),
  login('a 257-character username', newUser('a'.repeat(257), 'x'), 400),
  login('a 15000-character username', newUser('a'.repeat(15_000), 'x'), 400),
  login('a 513-character password', newUser('admin', 'p'.repeat(513)), 400),
  login('a 100 kB body', newUser('admin', 'p'.repeat(100_000)), 413),
  login('a 1 MB body', newUser('admin', 'p'.repeat(1_000_000)), 413),
  loginFails('NUL in the username', 'ad\u0000min'),
  loginFails('control characters in the username', 'ad\u0007min\r\n'),
  loginFails('a zero-width space in the username', 'ad\u200bmin'),
  loginFails('a Cyrillic look-alike username', '\u0430dmin'),
  loginFails('a right-to-left override', '\u202eadmin'),
  loginFails('an empty username', ''),
  loginFails('a lone surrogate', '\ud800admin'),
  loginFails('a username that is a prototype name', '__proto__'),
  loginFails('a username that is an Object method', 'hasOwnProperty'),
  loginFails('a percent-encoded username', '%61dmin'),
  loginFails('a full-width username with a wrong password', '\uff41\uff44\uff4d\uff49\uff4e'),
  loginFails('an empty password', 'nobody-empty', ''),
  loginFails('a NUL password', 'nobody-nul', '\u0000'.repeat(20)),
  // Bytes that are not UTF-8 decode to U+FFFD: an unknown username like any other.
  login('invalid UTF-8 bytes', Buffer.concat([Buffer.from('{"username":"nobody-'), Buffer.from([0xff, 0xfe]), Buffer.from('","password":"x"}')]), 401, { loginFailure: true }),
];

const TOKEN_CASES: HostileCase[] = [
  staffRoute('GET', '/users', 401, { as: undefined }),
  staffRoute('GET', '/users', 401, { as: undefined, name: 'GET /users with an empty Bearer', headers: { Authorization: 'Bearer' } }),
  staffRoute('GET', '/users', 401, { as: undefined, name: 'GET /users with Bearer junk', headers: { Authorization: 'Bearer !!!$$$' } }),
  staffRoute('GET', '/users', 401, { as: undefined, name: 'GET /users with a three-part junk token', headers: { Authorization: 'Bearer v1.a.b' } }),
  staffRoute('GET', '/users', 401, {
    as: undefined, name: 'GET /users with forged claims and no signature',
    headers: { Authorization: `Bearer v1.${Buffer.from(json({ sub: 'admin', iat: 0, exp: 9e15 })).toString('base64url')}.` },
  }),
  staffRoute('GET', '/users', 401, {
    as: undefined, name: 'GET /users with forged claims and a made-up signature',
    headers: { Authorization: `Bearer v1.${Buffer.from(json({ sub: 'admin', iat: 0, exp: 9e15 })).toString('base64url')}.${'A'.repeat(43)}` },
  }),
  staffRoute('GET', '/users', 401, { as: undefined, name: 'GET /users with Basic credentials', headers: { Authorization: `Basic ${Buffer.from('admin:admin-password-1').toString('base64')}` } }),
  staffRoute('GET', '/users', 401, { as: undefined, name: 'GET /users with an 8 kB Authorization', headers: { Authorization: `Bearer ${'a'.repeat(8000)}` } }),
  staffRoute('GET', '/users', 401, { as: undefined, name: 'GET /users with a latin-1 token', headers: { Authorization: 'Bearer t\u00f6k\u00e9n' } }),
  staffRoute('GET', '/users', 401, { as: undefined, name: 'GET /users with a UTF-8 token', headers: { Authorization: `Bearer ${utf8AsLatin1('\u0442\u043e\u043a\u0435\u043d')}` } }),
  staffRoute('GET', '/users', 401, { as: undefined, name: 'GET /users with a ReDoS-shaped Authorization', headers: { Authorization: `Bearer ${'a'.repeat(4000)}${' '.repeat(3000)}!` } }),
  staffRoute('GET', '/users?__proto__[polluted]=1', 401, { as: undefined }),
  staffRoute('GET', '/users', 403, { as: 'alice' }),
];

const REGISTER_CASES: HostileCase[] = [
  register('malformed JSON', '{"username":"bob",', 400),
  register('an array', '[]', 400),
  register('a string', '"bob"', 400),
  register('null', 'null', 400),
  register('staff as a string', json({ username: 'bob', password: GOOD, staff: 'true' }), 400),
  register('staff as a number', json({ username: 'bob', password: GOOD, staff: 1 }), 400),
  register('staff as null', json({ username: 'bob', password: GOOD, staff: null }), 400),
  register('staff through __proto__', `{"username":"bob","password":"${GOOD}","__proto__":{"staff":true}}`, 400),
  register('staff through constructor.prototype', `{"username":"bob","password":"${GOOD}","constructor":{"prototype":{"staff":true}}}`, 400),
  register('__proto__ nested in the password', `{"username":"bob","password":{"__proto__":{"polluted":true}}}`, 400),
  register('a duplicate staff key', `{"username":"bob","password":"${GOOD}","staff":false,"staff":true}`, 400),
  register('a duplicate username key', `{"username":"bob","username":"admin","password":"${GOOD}"}`, 400),
  register('full-width letters that normalise onto admin', newUser('\uff41\uff44\uff4d\uff49\uff4e'), 409),
  register('upper case onto admin', newUser('ADMIN'), 409),
  register('circled letters that normalise onto admin', newUser('\u24d0\u24d3\u24dc\u24d8\u24dd'), 409),
  register('a Cyrillic look-alike of admin', newUser('\u0430dmin'), 400),
  register('a Greek omicron', newUser('b\u03bfb'), 400),
  register('a zero-width space', newUser('ad\u200bmin'), 400),
  register('a zero-width joiner', newUser('bo\u200db'), 400),
  register('a soft hyphen', newUser('ad\u00admin'), 400),
  register('a byte-order mark', newUser('\ufeffadmin'), 400),
  register('NUL in the username', newUser('bob\u0000'), 400),
  register('a lone surrogate in the username', newUser('bob\ud800'), 400),
  register('NUL in the password', newUser('bob', `${GOOD}\u0000`), 400),
  register('a newline in the password', newUser('bob', `${GOOD}\n`), 400),
  register('DEL in the password', newUser('bob', `${GOOD}\u007f`), 400),
  register('a 7-character password', newUser('bob', 'short-7'), 400),
  register('a 129-character password', newUser('bob', 'p'.repeat(129)), 400),
  register('a 65-character username', newUser('b'.repeat(65)), 400),
  register('a username starting with a dot', newUser('.bob'), 400),
  register('a path in the username', newUser('../admin'), 400),
  register('a space in the username', newUser('bo b'), 400),
  register('a percent sign in the username', newUser('a%2Fb'), 400),
  register('an unknown field', json({ username: 'bob', password: GOOD, role: 'admin' }), 400),
  register('a 100 kB body', newUser('bob', 'p'.repeat(100_000)), 413),
  register('text/plain', newUser('bob'), 415, { contentType: 'text/plain' }),
  register('no content type', newUser('bob'), 415, { contentType: null }),
  register('latin-1 JSON', newUser('bob'), 415, { contentType: 'application/json; charset=latin1' }),
  register('no token', newUser('bob'), 401, { as: undefined }),
  register('a non-staff token', newUser('bob', GOOD), 403, { as: 'alice' }),
];

const LONG = 'a'.repeat(8000);
const PATH_CASES: HostileCase[] = [
  staffRoute('GET', '/users/%00', 400),
  staffRoute('GET', '/users/%E0%A4%A', 400),
  staffRoute('GET', '/users/%', 400),
  staffRoute('GET', '/users/%ZZ', 400),
  staffRoute('GET', '/users/%C0%AF', 400),
  staffRoute('GET', '/users/%ED%A0%80', 400),
  staffRoute('GET', `/users/${LONG}`, 400),
  staffRoute('GET', '/users/%2E%2E', 400),
  staffRoute('GET', '/users/..%2Fadmin', 400),
  staffRoute('GET', '/users/admin%2Fstaff', 400),
  staffRoute('GET', '/users/admin%00', 400),
  staffRoute('GET', '/users/%20admin', 400),
  staffRoute('GET', '/users/%D0%B0dmin', 400),
  staffRoute('GET', '/users/ad%E2%80%8Bmin', 400),
  staffRoute('GET', '/users/__proto__', 400),
  staffRoute('GET', '/users/constructor', 404),
  staffRoute('GET', '/users/hasOwnProperty', 404),
  staffRoute('GET', '/users/admin', 403, { as: 'alice' }),
  staffRoute('PUT', '/users/alice/password', 400, { body: '' }),
  staffRoute('PUT', '/users/alice/password', 400, { name: 'PUT password: null', body: json({ password: null }) }),
  staffRoute('PUT', '/users/alice/password', 400, { name: 'PUT password: an array', body: json({ password: [GOOD] }) }),
  staffRoute('PUT', '/users/alice/password', 400, { name: 'PUT password: too short', body: json({ password: 'short' }) }),
  staffRoute('PUT', '/users/alice/password', 400, { name: 'PUT password: 129 characters', body: json({ password: 'p'.repeat(129) }) }),
  staffRoute('PUT', '/users/alice/password', 400, { name: 'PUT password: 600 characters', body: json({ password: 'p'.repeat(600) }) }),
  staffRoute('PUT', '/users/alice/password', 400, { name: 'PUT password: NUL', body: json({ password: `${GOOD}\u0000` }) }),
  staffRoute('PUT', '/users/alice/password', 400, { name: 'PUT password: __proto__', body: `{"password":"${GOOD}","__proto__":{"polluted":true}}` }),
  staffRoute('PUT', '/users/alice/password', 400, { name: 'PUT password: a duplicate key', body: `{"password":"${GOOD}","password":"other-password-2"}` }),
  staffRoute('PUT', '/users/alice/password', 400, { name: 'PUT password: truncated JSON', body: `{"password":"${GOOD}` }),
  staffRoute('PUT', '/users/alice/password', 415, { name: 'PUT password: text/plain', body: json({ password: GOOD }), contentType: 'text/plain' }),
  staffRoute('PUT', '/users/%00/password', 400, { body: json({ password: GOOD }) }),
  staffRoute('PUT', '/users/nobody/password', 404, { body: json({ password: GOOD }) }),
  staffRoute('PUT', '/users/admin/password', 403, { as: 'alice', body: json({ password: GOOD }) }),
  staffRoute('POST', '/users/%E0%A4%A/staff', 400),
  staffRoute('POST', '/users/nobody/staff', 404),
  staffRoute('POST', '/users/alice/staff', 403, { as: 'alice' }),
  staffRoute('DELETE', '/users/admin/staff', 401, { as: undefined }),
  staffRoute('POST', '/users/alice%00/staff', 400),
  staffRoute('DELETE', '/users/%D0%B0lice/staff', 400),
  staffRoute('PUT', '/users/alice/dynamic-password', 400, { name: 'PUT dynamic-password: null pattern', body: json({ pattern: null }) }),
  staffRoute('PUT', '/users/alice/dynamic-password', 400, { name: 'PUT dynamic-password: a number', body: json({ pattern: 123 }) }),
  staffRoute('PUT', '/users/alice/dynamic-password', 400, { name: 'PUT dynamic-password: a duplicate key', body: '{"pattern":"%d<PASSWORD>%H","pattern":"<PASSWORD>"}' }),
  staffRoute('PUT', '/users/alice/dynamic-password', 400, { name: 'PUT dynamic-password: NUL in the pattern', body: json({ pattern: '%d<PASSWORD>\u0000' }) }),
  staffRoute('PUT', '/users/alice/dynamic-password', 400, { name: 'PUT dynamic-password: %s', body: json({ pattern: '%s<PASSWORD>' }) }),
  staffRoute('PUT', '/users/alice/dynamic-password', 400, { name: 'PUT dynamic-password: two <PASSWORD>', body: json({ pattern: '<PASSWORD>%d<PASSWORD>' }) }),
  staffRoute('PUT', '/users/alice/dynamic-password', 400, { name: 'PUT dynamic-password: a lone %', body: json({ pattern: '<PASSWORD>%' }) }),
  staffRoute('PUT', '/users/alice/dynamic-password', 400, { name: 'PUT dynamic-password: 257 characters', body: json({ pattern: `<PASSWORD>${'%d'.repeat(123)}x` }) }),
  staffRoute('PUT', '/users/alice/dynamic-password', 400, { name: 'PUT dynamic-password: a path as time zone', body: json({ timeZone: '../../../etc/passwd' }) }),
  staffRoute('PUT', '/users/alice/dynamic-password', 400, { name: 'PUT dynamic-password: NUL in the time zone', body: json({ timeZone: 'UTC\u0000' }) }),
  staffRoute('PUT', '/users/alice/dynamic-password', 400, { name: 'PUT dynamic-password: an unknown time zone', body: json({ timeZone: 'Mars/Olympus' }) }),
  staffRoute('PUT', '/users/alice/dynamic-password', 400, { name: 'PUT dynamic-password: an array time zone', body: json({ timeZone: ['UTC'] }) }),
  staffRoute('PUT', '/users/alice/dynamic-password', 400, { name: 'PUT dynamic-password: __proto__', body: '{"pattern":"%d<PASSWORD>","__proto__":{"polluted":true}}' }),
  staffRoute('PUT', '/users/alice/dynamic-password', 400, { name: 'PUT dynamic-password: an array body', body: '[]' }),
  staffRoute('PUT', '/users/alice/dynamic-password', 400, { name: 'PUT dynamic-password: an extra field', body: json({ pattern: '%d<PASSWORD>', extra: 1 }) }),
  staffRoute('PUT', '/users/alice/dynamic-password', 403, { as: 'alice', body: json({ pattern: '<PASSWORD>' }) }),
  staffRoute('DELETE', '/users/%00/dynamic-password', 400),
  staffRoute('DELETE', '/users/nobody/dynamic-password', 404),
  staffRoute('POST', '/users/%00/deactivate', 400),
  staffRoute('POST', '/users/nobody/deactivate', 404),
  staffRoute('POST', '/users/admin/deactivate', 403, { as: 'alice' }),
  staffRoute('POST', '/users/alice/reactivate', 401, { as: undefined }),
  staffRoute('POST', `/users/${'x'.repeat(5000)}/reactivate`, 400),
  staffRoute('POST', '/users/%C0%AF/deactivate', 400),
  staffRoute('POST', '/users/%00/unlock', 400),
  staffRoute('POST', '/users/%E0%A4%A/unlock', 400),
  staffRoute('POST', `/users/${'u'.repeat(3000)}/unlock`, 400),
  staffRoute('POST', '/users/admin/unlock', 403, { as: 'alice' }),
  staffRoute('POST', '/users/alice/unlock', 401, { as: undefined }),
];

const AUDIT_CASES: HostileCase[] = [
  ...['-1', '0', '1.5', '1e2', '0x10', '501', '9223372036854775808', '%201', '+1', '', '%D9%A1', 'Infinity'].map((n) => audit(`limit=${n}`)),
  audit('limit=1&limit=2'),
  ...['-1', '1.5', '1e3', '0x1', '9223372036854775808', '99999999999999999999999', 'NaN', '%00'].map((n) => audit(`cursor=${n}`)),
  audit('cursor=1&cursor=2'),
  ...[
    'from=2022-02-30T00:00:00Z', 'from=2021-02-29T00:00:00Z', 'from=2022-09-29', 'from=2022-09-29T08:01:00',
    'to=2022-13-01T00:00:00Z', 'from=2022-09-29T24:00:00Z', 'from=yesterday', 'to=%2B275760-09-13T00:00:00Z',
    'from=2022-09-29T08:01:00%2B24:00', 'from=2022-09-29T08:01:00.1234567890Z', 'to=%00', 'from=1664438460000',
  ].map((q) => audit(q)),
  audit('type=Bogus'),
  audit('type=__proto__'),
  audit('type=LoginAttempted&type=UserRegistered'),
  audit('outcome=maybe'),
  audit('username=a&username=b'),
  audit(`username=${'u'.repeat(300)}`),
  audit('__proto__=1'),
  audit('constructor=1'),
  audit('__proto__[polluted]=1'),
  audit('foo=1'),
  audit('limit=5', 401, { as: undefined, name: 'GET /audit without a token' }),
  audit('limit=5', 403, { as: 'alice', name: 'GET /audit as a non-staff user' }),
];

const alerts = (query: string, status = 400, more: Partial<HostileCase> = {}): HostileCase => ({
  name: `GET /alerts?${query}`, method: 'GET', path: `/alerts?${query}`, as: 'admin', status, ...more,
});
const ALERT_CASES: HostileCase[] = [
  ...['limit=-1', 'limit=1e2', 'limit=0x10', 'cursor=9223372036854775808', 'cursor=-1', 'limit=1&limit=2'].map((q) => alerts(q)),
  alerts('username=admin'),
  alerts('type=LoginAttempted'),
  alerts('__proto__=1'),
  alerts('constructor[prototype][polluted]=1'),
  alerts('limit=5', 401, { as: undefined, name: 'GET /alerts without a token' }),
  alerts('limit=5', 403, { as: 'alice', name: 'GET /alerts as a non-staff user' }),
];

const HEALTH_CASES: HostileCase[] = [
  { name: 'POST /healthz', method: 'POST', path: '/healthz', status: 404 },
  { name: 'DELETE /healthz', method: 'DELETE', path: '/healthz', status: 404 },
  { name: 'PUT /healthz with junk JSON', method: 'PUT', path: '/healthz', body: '{"a":', status: 404 },
  { name: 'GET /healthz/%00', method: 'GET', path: '/healthz/%00', status: 404 },
  { name: 'GET /healthz/%E0%A4%A', method: 'GET', path: '/healthz/%E0%A4%A', status: 404 },
  { name: 'GET /healthz/../users', method: 'GET', path: '/healthz/../users', status: 404 },
  { name: 'TRACE /healthz', method: 'TRACE', path: '/healthz', status: 404 },
  { name: 'GET an unknown path', method: 'GET', path: '/%2e%2e/etc/passwd', status: 404 },
  { name: 'GET /users through an absolute-form target, no token', method: 'GET', path: 'http://evil.example/users', status: 401 },
];

export const HOSTILE_CASES: readonly HostileCase[] = [...LOGIN_CASES, ...TOKEN_CASES, ...REGISTER_CASES, ...PATH_CASES, ...AUDIT_CASES, ...ALERT_CASES, ...HEALTH_CASES];
