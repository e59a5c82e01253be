import { clientKey } from '../../src/interfaces/http/throttle';

describe('throttling buckets', () => {
  it('put every spelling of one IPv6 address, and its whole /64, in one bucket', () => {
    const key = clientKey('2001:db8::1');
    for (const ip of ['2001:DB8::1', '2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1%eth0', '2001:db8::ffff:1', '2001:db8:0:0:1::9']) {
      expect(clientKey(ip)).toBe(key);
    }
    expect(clientKey('2001:db8:0:1::1')).not.toBe(key);
  });

  it('count an IPv4-mapped address as the IPv4 address', () => {
    expect(clientKey('::ffff:10.9.9.9')).toBe('10.9.9.9');
    expect(clientKey('10.9.9.9')).toBe('10.9.9.9');
  });

  it('share one bucket among values that are not addresses', () => {
    expect(clientKey('garbage')).toBe(clientKey('10.9.9.9:1234'));
    expect(clientKey(undefined)).toBe(clientKey('garbage'));
  });
});
