import {
  granularity, hasTimePart, parsePattern, renderPattern, windowKey,
} from '../../../src/domain/dynamicPassword/pattern';

const key = (source: string, iso: string, tz = 'UTC'): string => windowKey(parsePattern(source), new Date(iso), tz);

describe('granularity', () => {
  it.each([
    ['<PASSWORD>', 'none'], ['x<PASSWORD>%%', 'none'], ['%n<PASSWORD>%t', 'none'], ['%z<PASSWORD>%Z', 'none'],
    ['%f<PASSWORD>', 'second'], ['%S<PASSWORD>', 'second'], ['%T<PASSWORD>', 'second'], ['%c<PASSWORD>', 'second'],
    ['%X<PASSWORD>', 'second'], ['%r<PASSWORD>', 'second'], ['%d<PASSWORD>%H-%M', 'minute'], ['%R<PASSWORD>', 'minute'],
    ['%d<PASSWORD>%H', 'hour'], ['%I%p<PASSWORD>', 'hour'], ['%k<PASSWORD>', 'hour'], ['%-l<PASSWORD>', 'hour'],
    ['%p<PASSWORD>', 'half_day'], ['%P<PASSWORD>%a', 'half_day'], ['<PASSWORD>%d', 'day'], ['%a<PASSWORD>', 'day'],
    ['%j<PASSWORD>', 'day'], ['%w%u<PASSWORD>', 'day'], ['%e<PASSWORD>', 'day'], ['%D<PASSWORD>', 'day'],
    ['%F<PASSWORD>', 'day'], ['%x<PASSWORD>', 'day'], ['%U<PASSWORD>', 'week'], ['%W<PASSWORD>', 'week'],
    ['%V<PASSWORD>%G', 'week'], ['%m<PASSWORD>', 'month'], ['%b<PASSWORD>%Y', 'month'], ['%^B<PASSWORD>', 'month'],
    ['%h<PASSWORD>', 'month'], ['%d<PASSWORD>%Y', 'day'], ['<PASSWORD>%Y', 'year'], ['%y<PASSWORD>', 'year'],
    ['%C<PASSWORD>', 'year'], ['%G<PASSWORD>', 'year'], ['%g<PASSWORD>', 'year'],
    // the window must end wherever any directive's text changes
    ['%U<PASSWORD>%W', 'day'], ['%m<PASSWORD>%V', 'day'], ['%Y<PASSWORD>%G', 'week'], ['%Y<PASSWORD>%U', 'week'],
  ])('of %j is %s', (source, expected) => {
    expect(granularity(parsePattern(source))).toBe(expected);
  });

  it.each([
    ['<PASSWORD>', false], ['x<PASSWORD>%%', false], ['%Z<PASSWORD>%z', false], ['<PASSWORD>%d', true], ['%p<PASSWORD>', true],
  ])('hasTimePart(%j) is %s', (source, expected) => {
    expect(hasTimePart(parsePattern(source))).toBe(expected);
  });
});

describe('windowKey', () => {
  it('is equal within an hour and differs across the hour boundary', () => {
    const source = '%d<PASSWORD>%H';
    expect(key(source, '2022-09-29T08:00:00.000Z')).toBe('hour:2022-09-29T08+00:00');
    expect(key(source, '2022-09-29T08:59:59.999Z')).toBe(key(source, '2022-09-29T08:00:00.000Z'));
    expect(key(source, '2022-09-29T09:00:00.000Z')).not.toBe(key(source, '2022-09-29T08:59:59.999Z'));
  });

  it('tells apart the two 01:30s of the New York fall-back night, which render the same %H', () => {
    const pattern = parsePattern('%d<PASSWORD>%H');
    const edt = new Date('2022-11-06T05:30:00Z');
    const est = new Date('2022-11-06T06:30:00Z');
    expect(renderPattern(pattern, edt, 'America/New_York')).toEqual({ prefix: '06', suffix: '01' });
    expect(renderPattern(pattern, est, 'America/New_York')).toEqual(renderPattern(pattern, edt, 'America/New_York'));
    expect(windowKey(pattern, edt, 'America/New_York')).toBe('hour:2022-11-06T01-04:00');
    expect(windowKey(pattern, est, 'America/New_York')).toBe('hour:2022-11-06T01-05:00');
    expect(windowKey(pattern, new Date('2022-11-06T05:59:59Z'), 'America/New_York')).toBe('hour:2022-11-06T01-04:00');
  });

  it('keeps a 25-hour day and its 13-hour morning whole', () => {
    expect(key('<PASSWORD>%d', '2022-11-06T04:00:00Z', 'America/New_York')).toBe('day:2022-11-06');
    expect(key('<PASSWORD>%d', '2022-11-07T04:59:59Z', 'America/New_York')).toBe('day:2022-11-06');
    expect(key('%p<PASSWORD>', '2022-11-06T04:00:00Z', 'America/New_York')).toBe('half_day:2022-11-06AM');
    expect(key('%p<PASSWORD>', '2022-11-06T16:59:59Z', 'America/New_York')).toBe('half_day:2022-11-06AM');
  });

  it('splits the repeated half hour of Lord Howe (30-minute DST) by offset', () => {
    const first = key('%H:%M<PASSWORD>', '2022-04-02T14:45:00Z', 'Australia/Lord_Howe');
    const second = key('%H:%M<PASSWORD>', '2022-04-02T15:15:00Z', 'Australia/Lord_Howe');
    expect([first, second]).toEqual(['minute:2022-04-03T01:45+11:00', 'minute:2022-04-03T01:45+10:30']);
  });

  it('counts weeks the way the pattern does', () => {
    // %U: Sunday weeks cut at 1 January; Sat 2022-12-31 is week 52, Sun 2023-01-01 week 01
    expect(key('%U<PASSWORD>', '2022-12-31T12:00:00Z')).toBe('week:2022-U52');
    expect(key('%U<PASSWORD>', '2023-01-01T12:00:00Z')).toBe('week:2023-U01');
    // %V: ISO weeks run across New Year; 2022-12-26 (Mon) .. 2023-01-01 (Sun) is 2022-W52
    expect(key('%V<PASSWORD>', '2023-01-01T12:00:00Z')).toBe(key('%V<PASSWORD>', '2022-12-26T00:00:00Z'));
    expect(key('%V<PASSWORD>', '2023-01-02T00:00:00Z')).toBe('week:2023-V01');
    // %W: Monday weeks cut at 1 January
    expect(key('%W<PASSWORD>', '2023-01-01T12:00:00Z')).toBe('week:2023-W00');
  });

  it('follows the ISO year for %G, which starts on a Monday', () => {
    expect(key('%G<PASSWORD>', '2022-01-01T12:00:00Z')).toBe('year:2021-G');
    expect(key('%G<PASSWORD>', '2021-12-31T12:00:00Z')).toBe('year:2021-G');
    expect(key('%G<PASSWORD>', '2022-01-03T00:00:00Z')).toBe('year:2022-G');
    expect(key('%Y<PASSWORD>', '2022-01-01T12:00:00Z')).toBe('year:2022');
  });

  it('is "none" for a pattern without a time part', () => {
    expect(key('<PASSWORD>', '2022-09-29T08:01:00Z')).toBe('none');
    expect(key('%Z<PASSWORD>', '2022-09-29T08:01:00Z', 'Europe/Berlin')).toBe('none');
  });

  it('is equal for instants that render the same text, for each unit', () => {
    const cases: readonly [string, string, string][] = [
      ['%S<PASSWORD>', '2022-09-29T08:01:02.000Z', '2022-09-29T08:01:02.999Z'],
      ['%M<PASSWORD>', '2022-09-29T08:01:00.000Z', '2022-09-29T08:01:59.999Z'],
      ['%m<PASSWORD>', '2022-09-01T00:00:00.000Z', '2022-09-30T23:59:59.999Z'],
      ['%y<PASSWORD>', '2022-01-01T00:00:00.000Z', '2022-12-31T23:59:59.999Z'],
    ];
    for (const [source, from, to] of cases) expect(key(source, from)).toBe(key(source, to));
  });
});
