import { parsePattern } from '../../../src/domain/dynamicPassword/pattern';
import {
  MAX_RENDERED_PATTERN_LENGTH,
  parseUsablePattern,
  planVerification,
  requirementFor,
  verdictOf,
  type GlobalDynamicPasswordRule,
  type PolicySubject,
} from '../../../src/domain/dynamicPassword/policy';

const seedInstant = new Date('2022-09-29T08:01:00Z');
const STATIC_PASSWORD = 's3kr3t';

function rule(pattern: string, overrides: Partial<GlobalDynamicPasswordRule> = {}): GlobalDynamicPasswordRule {
  return { pattern: parsePattern(pattern), timeZone: 'UTC', onlyStaff: false, users: null, graceSeconds: 0, ...overrides };
}
const user = (overrides: Partial<PolicySubject> = {}): PolicySubject => ({ key: 'admin', staff: false, dynamicPassword: { mode: 'default' }, ...overrides });

/** The whole check with plain equality standing in for the slow hash. */
function accepts(typed: string, subject: PolicySubject, globalRule: GlobalDynamicPasswordRule, at = seedInstant): boolean {
  const plan = planVerification(typed, requirementFor(subject, globalRule), at, globalRule.graceSeconds);
  return verdictOf(plan, plan.secret === STATIC_PASSWORD).outcome === 'succeeded';
}

describe('the seed README examples (2022-09-29 08:01 UTC, password s3kr3t)', () => {
  it.each([
    ['<PASSWORD>%d', 's3kr3t29'],
    ['%d<PASSWORD>%H', '29s3kr3t08'],
    ['%d<PASSWORD>%H-%M', '29s3kr3t08-01'],
  ])('%s accepts %s and not the plain password', (pattern, typed) => {
    expect(accepts(typed, user(), rule(pattern))).toBe(true);
    expect(accepts(STATIC_PASSWORD, user(), rule(pattern))).toBe(false);
  });

  it('a password that contains the rendered time part still works (the original greedy capture case)', () => {
    const plan = planVerification('sec29ret29', requirementFor(user(), rule('<PASSWORD>%d')), seedInstant, 0);
    expect(plan).toEqual({ secret: 'sec29ret', timePartMatched: true, window: seedInstant });
  });
});

describe('flaws of the original, each refused here', () => {
  it('1: a "." in the pattern is a literal dot, not any character', () => {
    expect(accepts('29.09s3kr3t', user(), rule('%d.%m<PASSWORD>'))).toBe(true);
    expect(accepts('29x09s3kr3t', user(), rule('%d.%m<PASSWORD>'))).toBe(false);
  });

  it.each(['+', '(', '$', '*', '[', '\\', '^', '|', '?'])('1: the metacharacter %s in a pattern is matched literally', (meta) => {
    const globalRule = rule(`%d${meta}<PASSWORD>`);
    expect(accepts(`29${meta}s3kr3t`, user(), globalRule)).toBe(true);
    expect(accepts('29s3kr3t', user(), globalRule)).toBe(false);
  });

  it('2: text after the dynamic password is not ignored (anchored at both ends)', () => {
    expect(accepts('s3kr3t29anything', user(), rule('<PASSWORD>%d'))).toBe(false);
    expect(accepts('xx29s3kr3t08', user(), rule('%d<PASSWORD>%H'))).toBe(false);
  });

  it('4: a password typed at 08:59:59 and sent at 09:00:05 is accepted within the grace period, and not after it', () => {
    const globalRule = rule('%d<PASSWORD>%H', { graceSeconds: 10 });
    expect(accepts('29s3kr3t08', user(), globalRule, new Date('2022-09-29T09:00:05Z'))).toBe(true);
    expect(accepts('29s3kr3t09', user(), globalRule, new Date('2022-09-29T09:00:05Z'))).toBe(true);
    expect(accepts('29s3kr3t08', user(), globalRule, new Date('2022-09-29T09:00:11Z'))).toBe(false);
  });

  it('4: with a seconds pattern, every window of the grace period counts, not only the one grace ago', () => {
    const globalRule = rule('<PASSWORD>%S', { graceSeconds: 10 });
    const now = new Date('2022-09-29T08:01:30Z');
    for (const second of ['30', '25', '21', '20']) expect(accepts(`s3kr3t${second}`, user(), globalRule, now)).toBe(true);
    expect(accepts('s3kr3t19', user(), globalRule, now)).toBe(false);
    expect(accepts('s3kr3t31', user(), globalRule, now)).toBe(false);
  });

  it('6: each user may have an own pattern and time zone', () => {
    const own = user({ dynamicPassword: { mode: 'enabled', pattern: '<PASSWORD>%H', timeZone: 'Asia/Tokyo' } });
    expect(accepts('s3kr3t17', own, rule('<PASSWORD>'))).toBe(true);
    expect(accepts('s3kr3t08', own, rule('<PASSWORD>'))).toBe(false);
  });
});

describe('who must type the dynamic form', () => {
  const pattern = '<PASSWORD>%d';
  const dynamicForm = 's3kr3t29';
  // [only staff, staff?, dynamic form accepted, plain password accepted]
  it.each([
    [false, false, true, false],
    [false, true, true, false],
    [true, true, true, false],
    [true, false, false, true],
  ])('only-staff=%s, staff=%s: dynamic %s, plain %s', (onlyStaff, staff, dynamicOk, plainOk) => {
    const globalRule = rule(pattern, { onlyStaff });
    expect(accepts(dynamicForm, user({ staff }), globalRule)).toBe(dynamicOk);
    expect(accepts(STATIC_PASSWORD, user({ staff }), globalRule)).toBe(plainOk);
  });

  it('DYNAMIC_PASSWORD_USERS limits the rule to the listed users', () => {
    const globalRule = rule(pattern, { users: new Set(['admin']) });
    expect(accepts(dynamicForm, user({ key: 'admin' }), globalRule)).toBe(true);
    expect(accepts(STATIC_PASSWORD, user({ key: 'bob' }), globalRule)).toBe(true);
    expect(accepts(dynamicForm, user({ key: 'bob' }), globalRule)).toBe(false);
  });

  it("a user's own setting wins over the global rule, both ways", () => {
    expect(accepts(STATIC_PASSWORD, user({ dynamicPassword: { mode: 'disabled' } }), rule(pattern))).toBe(true);
    expect(accepts(dynamicForm, user({ dynamicPassword: { mode: 'enabled' } }), rule(pattern, { onlyStaff: true }))).toBe(true);
  });

  it('a global pattern without a time part is the plain password', () => {
    expect(requirementFor(user(), rule('<PASSWORD>'))).toEqual({ kind: 'static', source: 'global' });
  });
});

describe('verdicts', () => {
  it('flag the static password sent without its pattern', () => {
    const plan = planVerification(STATIC_PASSWORD, requirementFor(user(), rule('<PASSWORD>%d')), seedInstant, 0);
    expect(plan.timePartMatched).toBe(false);
    expect(verdictOf(plan, plan.secret === STATIC_PASSWORD)).toEqual({ outcome: 'failed', reason: 'static_password_without_pattern' });
  });
  it('tell a wrong password from a wrong time part', () => {
    expect(verdictOf({ secret: 'x', timePartMatched: true }, false)).toEqual({ outcome: 'failed', reason: 'wrong_password' });
    expect(verdictOf({ secret: 'x', timePartMatched: false }, false)).toEqual({ outcome: 'failed', reason: 'pattern_mismatch' });
  });
});

describe('usable patterns', () => {
  it('refuse a pattern that renders too long to fit in a login, and accept one just within', () => {
    const within = `${'%c'.repeat(Math.floor(MAX_RENDERED_PATTERN_LENGTH / 24))}<PASSWORD>`;
    expect(parseUsablePattern(within).source).toBe(within);
    expect(() => parseUsablePattern(`%c${within}`)).toThrow(expect.objectContaining({ code: 'invalid_pattern' }));
  });
});
