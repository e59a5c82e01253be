import {
  isValidTimeZone, parsePattern, PatternError, renderPattern, renderWithPlaceholder,
} from '../../../src/domain/dynamicPassword/pattern';

const SEED_INSTANT = new Date('2022-09-29T08:01:00Z');
const typed = (source: string, at: Date, tz: string, password: string): string => {
  const { prefix, suffix } = renderPattern(parsePattern(source), at, tz);
  return prefix + password + suffix;
};
const parseError = (source: string): PatternError => {
  try {
    parsePattern(source);
  } catch (error) {
    if (error instanceof PatternError) return error;
    throw error;
  }
  throw new Error(`${JSON.stringify(source)} was accepted`);
};

describe('parsePattern', () => {
  it.each(['<PASSWORD>', '<PASSWORD>%d', '<PASSWORD>%m', '%m<PASSWORD>%d', '%d<PASSWORD>%Y', '%d<PASSWORD>%H',
    '%d<PASSWORD>%H-%M', '%d<PASSWORD>%Y.%m', '%m<PASSWORD>%d.%Y', '%%<PASSWORD>%-d%_H%^a%#b%0e'])(
    'accepts %j', (source) => {
      expect(parsePattern(source).source).toBe(source);
    },
  );

  it.each([
    ['no token', '%d%H', 0],
    ['an empty pattern', '', 0],
    ['two tokens', '<PASSWORD>%d<PASSWORD>', 2],
    ['two adjacent tokens', '<PASSWORD><PASSWORD>', 2],
    ['a token broken by %%', '<PASS%%WORD>', 0],
  ])('rejects %s: <PASSWORD> must appear exactly once', (_, source, found) => {
    const error = parseError(source);
    expect(error.code).toBe('invalid_pattern');
    expect(error.message).toBe(`a pattern must contain <PASSWORD> exactly once, found ${found}`);
  });

  it.each([
    ['%s (process time zone)', '%s<PASSWORD>', '%s', /^unsupported directive %s: glibc computes it in the process time zone/],
    ['%:z (CPython 3.12+)', '<PASSWORD>%:z', '%:z', /^unsupported directive %:z: /],
    ['a field width', '%10d<PASSWORD>', '%10d', /^unsupported directive %10d: field widths/],
    ['a width after a flag', '%-2d<PASSWORD>', '%-2d', /^unsupported directive %-2d: field widths/],
    ['an E modifier', '%Ey<PASSWORD>', '%Ey', /^unsupported directive %Ey: E\/O modifiers/],
    ['an O modifier', '%Od<PASSWORD>', '%Od', /^unsupported directive %Od: E\/O modifiers/],
    ['an unknown letter', '%Q<PASSWORD>', '%Q', /^unsupported directive %Q: not a CPython\/glibc strftime directive/],
    ['a non-ASCII letter', '%😀<PASSWORD>', '%😀', /^unsupported directive %😀: /],
    ['"%" before the token', '%<PASSWORD>', '%<', /^unsupported directive %<: /],
    ['a lone trailing %', '<PASSWORD>%', '%', /^lone '%' at the end/],
    ['a trailing flag', '<PASSWORD>%-', '%-', /^flag without a directive at the end: %-/],
    ['a flag on %z', '%-z<PASSWORD>', '%-z', /^unsupported directive %-z: flags are not supported/],
    ['a flag on %Z', '%^Z<PASSWORD>', '%^Z', /^unsupported directive %\^Z: flags/],
    ['a flag on %f', '%0f<PASSWORD>', '%0f', /^unsupported directive %0f: flags/],
    ['a flag on %%', '%_%<PASSWORD>', '%_%', /^unsupported directive %_%: flags/],
  ])('rejects %s, naming the directive', (_, source, directive, message) => {
    const error = parseError(source);
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('invalid_pattern');
    expect(error.directive).toBe(directive);
    expect(error.message).toMatch(message);
  });

  it.each([['NUL', 'a\0<PASSWORD>'], ['a lone surrogate', '\ud800<PASSWORD>']])('rejects %s', (_, source) => {
    expect(parseError(source).message).toBe('a pattern must not contain NUL or lone surrogates');
  });

  it('gives a plain, serialisable { source } that can be rebuilt', () => {
    const pattern = parsePattern('%d<PASSWORD>%H');
    expect(JSON.parse(JSON.stringify(pattern))).toEqual({ source: '%d<PASSWORD>%H' });
    const rebuilt = { source: pattern.source };
    expect(renderPattern(rebuilt, SEED_INSTANT, 'UTC')).toEqual(renderPattern(pattern, SEED_INSTANT, 'UTC'));
  });
});

describe('renderPattern', () => {
  it.each([
    ['<PASSWORD>%d', 's3kr3t29'],
    ['%d<PASSWORD>%H', '29s3kr3t08'],
    ['%d<PASSWORD>%H-%M', '29s3kr3t08-01'],
  ])('renders the seed example %s at 2022-09-29T08:01Z in UTC', (source, expected) => {
    expect(typed(source, SEED_INSTANT, 'UTC', 's3kr3t')).toBe(expected);
  });

  it('renders regular-expression metacharacters literally (original flaw 1)', () => {
    const pattern = parsePattern('.+($*[<PASSWORD>)]^{}|?\\%d.%m');
    expect(renderPattern(pattern, SEED_INSTANT, 'UTC')).toEqual({ prefix: '.+($*[', suffix: ')]^{}|?\\29.09' });
  });

  it('puts the token back with renderWithPlaceholder, and a password with "$&" stays as it is', () => {
    expect(renderWithPlaceholder(parsePattern('%d<PASSWORD>%H'), SEED_INSTANT, 'Europe/Berlin')).toBe('29<PASSWORD>10');
    expect(typed('%d<PASSWORD>', SEED_INSTANT, 'UTC', '$&$1%d')).toBe('29$&$1%d');
  });

  // Expected texts are the oracle's (CPython 3.11, glibc 2.36, C locale) at three instants:
  // a Thursday morning in UTC; Sunday 2021-01-03 in UTC (ISO week 53 of 2020, %W 00);
  // Thursday 2024-02-29 18:05:09 EST in New York.
  const INSTANTS: readonly [string, string][] = [
    ['2022-09-29T08:01:02.345Z', 'UTC'], ['2021-01-03T12:34:56.789Z', 'UTC'], ['2024-02-29T23:05:09Z', 'America/New_York'],
  ];
  it.each([
    ['%a', 'Thu', 'Sun', 'Thu'], ['%A', 'Thursday', 'Sunday', 'Thursday'], ['%w', '4', '0', '4'],
    ['%d', '29', '03', '29'], ['%b', 'Sep', 'Jan', 'Feb'], ['%B', 'September', 'January', 'February'],
    ['%m', '09', '01', '02'], ['%y', '22', '21', '24'], ['%Y', '2022', '2021', '2024'], ['%H', '08', '12', '18'],
    ['%I', '08', '12', '06'], ['%p', 'AM', 'PM', 'PM'], ['%M', '01', '34', '05'], ['%S', '02', '56', '09'],
    ['%f', '345000', '789000', '000000'], ['%z', '+0000', '+0000', '-0500'], ['%Z', 'UTC', 'UTC', 'EST'],
    ['%j', '272', '003', '060'], ['%U', '39', '01', '08'], ['%W', '39', '00', '09'],
    ['%c', 'Thu Sep 29 08:01:02 2022', 'Sun Jan  3 12:34:56 2021', 'Thu Feb 29 18:05:09 2024'],
    ['%x', '09/29/22', '01/03/21', '02/29/24'], ['%X', '08:01:02', '12:34:56', '18:05:09'], ['%%', '%', '%', '%'],
    ['%G', '2022', '2020', '2024'], ['%u', '4', '7', '4'], ['%V', '39', '53', '09'], ['%e', '29', ' 3', '29'],
    ['%k', ' 8', '12', '18'], ['%l', ' 8', '12', ' 6'], ['%P', 'am', 'pm', 'pm'], ['%C', '20', '20', '20'],
    ['%D', '09/29/22', '01/03/21', '02/29/24'], ['%F', '2022-09-29', '2021-01-03', '2024-02-29'],
    ['%T', '08:01:02', '12:34:56', '18:05:09'], ['%R', '08:01', '12:34', '18:05'],
    ['%r', '08:01:02 AM', '12:34:56 PM', '06:05:09 PM'], ['%h', 'Sep', 'Jan', 'Feb'], ['%n', '\n', '\n', '\n'],
    ['%t', '\t', '\t', '\t'], ['%g', '22', '20', '24'], ['%-d', '29', '3', '29'], ['%_d', '29', ' 3', '29'],
    ['%0e', '29', '03', '29'], ['%-e', '29', '3', '29'], ['%_H', ' 8', '12', '18'], ['%-j', '272', '3', '60'],
    ['%_j', '272', '  3', ' 60'], ['%^a', 'THU', 'SUN', 'THU'], ['%#b', 'SEP', 'JAN', 'FEB'],
    ['%^B', 'SEPTEMBER', 'JANUARY', 'FEBRUARY'], ['%#p', 'am', 'pm', 'pm'], ['%^P', 'am', 'pm', 'pm'],
    ['%^c', 'THU SEP 29 08:01:02 2022', 'SUN JAN  3 12:34:56 2021', 'THU FEB 29 18:05:09 2024'],
    ['%-l', '8', '12', '6'], ['%0k', '08', '12', '18'], ['%_g', '22', '20', '24'], ['%-V', '39', '53', '9'],
    ['%_U', '39', ' 1', ' 8'], ['%-W', '39', '0', '9'], ['%-m', '9', '1', '2'], ['%-M', '1', '34', '5'],
    ['%-S', '2', '56', '9'], ['%-I', '8', '12', '6'],
  ])('renders %j like CPython', (directive, ...expected) => {
    const pattern = parsePattern(`<PASSWORD>${directive}`);
    expect(INSTANTS.map(([iso, tz]) => renderPattern(pattern, new Date(iso), tz).suffix)).toEqual(expected);
  });

  it.each([
    ['Europe/Berlin', '2022-07-01T12:00:00Z', 'CEST +0200'], ['Europe/Berlin', '2022-01-01T12:00:00Z', 'CET +0100'],
    ['America/New_York', '2022-07-01T12:00:00Z', 'EDT -0400'], ['Asia/Singapore', '2022-07-01T12:00:00Z', '+08 +0800'],
    ['Asia/Singapore', '1980-07-01T12:00:00Z', '+0730 +0730'], ['Asia/Kathmandu', '2022-07-01T12:00:00Z', '+0545 +0545'],
    ['Pacific/Chatham', '2022-01-01T12:00:00Z', '+1345 +1345'], ['Australia/Lord_Howe', '2022-07-01T12:00:00Z', '+1030 +1030'],
    ['America/St_Johns', '2022-07-01T12:00:00Z', 'NDT -0230'], ['Europe/Dublin', '2022-07-01T12:00:00Z', 'IST +0100'],
    ['Europe/Dublin', '2022-01-01T12:00:00Z', 'GMT +0000'], ['Antarctica/Troll', '2000-07-01T12:00:00Z', '-00 +0000'],
    ['Antarctica/Troll', '2022-07-01T12:00:00Z', '+02 +0200'], ['Europe/Moscow', '2012-07-01T12:00:00Z', 'MSK +0400'],
    ['Asia/Kolkata', '2022-07-01T12:00:00Z', 'IST +0530'], ['Africa/Casablanca', '2022-04-10T12:00:00Z', '+00 +0000'],
    ['Etc/GMT+5', '2022-07-01T12:00:00Z', '-05 -0500'], ['Africa/Monrovia', '1971-06-01T12:00:00Z', 'MMT -004430'],
  ])('prints %%Z and %%z in %s at %s as zoneinfo does', (tz, iso, expected) => {
    expect(renderPattern(parsePattern('%Z %z<PASSWORD>'), new Date(iso), tz).prefix).toBe(expected);
  });

  it('refuses %Z where the tz table cannot say: a zone spelled unlike the tz database, or before 1970', () => {
    const pattern = parsePattern('%Z<PASSWORD>');
    expect(() => renderPattern(pattern, SEED_INSTANT, 'europe/berlin')).toThrow(
      expect.objectContaining({ code: 'invalid_pattern', directive: '%Z' }),
    );
    expect(() => renderPattern(pattern, new Date('1969-12-31T23:59:59Z'), 'UTC')).toThrow(/only known from 1970/);
    expect(renderPattern(parsePattern('%H<PASSWORD>'), SEED_INSTANT, 'europe/berlin').prefix).toBe('10');
  });

  it('throws a RangeError for an unknown zone, an invalid Date and years Python cannot hold', () => {
    const pattern = parsePattern('%Y<PASSWORD>');
    expect(() => renderPattern(pattern, SEED_INSTANT, 'Mars/Olympus')).toThrow(RangeError);
    expect(() => renderPattern(parsePattern('<PASSWORD>'), SEED_INSTANT, 'Mars/Olympus')).toThrow(RangeError);
    expect(() => renderPattern(pattern, new Date(Number.NaN), 'UTC')).toThrow(RangeError);
    expect(() => renderPattern(pattern, new Date('+010000-01-01T00:00:00Z'), 'UTC')).toThrow(RangeError);
    expect(renderPattern(pattern, new Date('0999-06-01T00:00:00Z'), 'UTC').prefix).toBe('999');
  });

  it('renders in microseconds: Intl formatters are cached per zone', () => {
    const pattern = parsePattern('%d<PASSWORD>%H-%M');
    const rounds = 20_000;
    const started = process.hrtime.bigint();
    for (let i = 0; i < rounds; i++) renderPattern(pattern, new Date(1.6e12 + i * 7_919), 'Europe/Berlin');
    const microseconds = Number(process.hrtime.bigint() - started) / 1000 / rounds;
    expect(microseconds).toBeLessThan(50);
  });
});

describe('isValidTimeZone', () => {
  it.each(['UTC', 'Europe/Berlin', 'America/New_York', 'US/Eastern', 'Asia/Calcutta', 'Asia/Kolkata', 'Etc/GMT+5', 'EST5EDT'])(
    'accepts %s', (tz) => expect(isValidTimeZone(tz)).toBe(true),
  );
  it.each(['', 'utc', 'europe/berlin', 'Mars/Olympus', '+05:00', ' UTC', 'Europe/Berlin ', 'Factory', '../UTC'])(
    'rejects %j', (tz) => expect(isValidTimeZone(tz)).toBe(false),
  );
});
