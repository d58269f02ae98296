import {
  cidrContains,
  cidrOf,
  cidrProblem,
  cidrsOverlap,
  formatCidr,
  formatIp,
  includesPublicAddresses,
  intersectRanges,
  parseCidr,
  parseIp,
  rangeOf,
  rangesCover,
  rangesToCidrs,
  subtractRanges,
  unionRanges,
} from '../../src/network/cidr';

describe('parseIp', () => {
  it.each([
    ['10.0.0.1', 4, 0x0a000001n],
    ['255.255.255.255', 4, 0xffffffffn],
    ['0.0.0.0', 4, 0n],
    ['::', 6, 0n],
    ['::1', 6, 1n],
    ['2001:db8::', 6, 0x20010db8n << 96n],
    ['2001:DB8:0:0:0:0:0:1', 6, (0x20010db8n << 96n) | 1n],
    ['::ffff:192.0.2.1', 6, (0xffffn << 32n) | 0xc0000201n],
    ['fe80::1:2', 6, (0xfe80n << 112n) | 0x10002n],
  ])('%s', (text, family, value) => {
    expect(parseIp(text)).toEqual({family, value});
  });

  it.each([
    '256.0.0.1',
    '10.0.0',
    '10.0.0.01',
    '1.2.3.4.5',
    '',
    'a.b.c.d',
    '1::2::3',
    '1:2:3:4:5:6:7:8:9',
    '12345::',
    'fe80::1%eth0',
    '1:2:3:4:5:6:7::8',
  ])('rejects %j', (text) => {
    expect(parseIp(text)).toBeUndefined();
  });
});

describe('formatIp', () => {
  it.each([
    ['2001:db8::1', '2001:db8::1'],
    ['2001:0db8:0000:0000:0001:0000:0000:0001', '2001:db8::1:0:0:1'],
    ['::', '::'],
    ['1::', '1::'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2:3:4:5:6'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
  ])('%s → %s (RFC 5952)', (input, expected) => {
    const ip = parseIp(input)!;
    expect(formatIp(ip.family, ip.value)).toBe(expected);
  });
});

describe('parseCidr', () => {
  it('normalizes and flags host bits', () => {
    const cidr = parseCidr('10.1.2.3/16')!;
    expect(formatCidr(cidr)).toBe('10.1.0.0/16');
    expect(cidr.hostBitsSet).toBe(true);
    expect(parseCidr('10.1.0.0/16')!.hostBitsSet).toBe(false);
  });

  it('reads a bare address as a host route', () => {
    expect(formatCidr(parseCidr('192.0.2.7')!)).toBe('192.0.2.7/32');
    expect(formatCidr(parseCidr('2001:db8::7')!)).toBe('2001:db8::7/128');
  });

  it('formats blocks that share a first address, or its value in the other family, each as itself', () => {
    // Formatted texts are kept by family, first address and prefix length.
    const texts = ['10.0.0.0/8', '10.0.0.0/16', '10.0.0.0/8', '::a00:0/104', '0.0.0.0/0', '::/0'].map((text) =>
      formatCidr(parseCidr(text)!),
    );
    expect(texts).toEqual(['10.0.0.0/8', '10.0.0.0/16', '10.0.0.0/8', '::a00:0/104', '0.0.0.0/0', '::/0']);
  });

  it.each(['10.0.0.0/33', '10.0.0.0/-1', '10.0.0.0/08', '10.0.0.0/1/2', '2001:db8::/129', 'x/8'])(
    'rejects %j',
    (text) => {
      expect(parseCidr(text)).toBeUndefined();
    },
  );

  it('explains command-line mistakes', () => {
    expect(cidrProblem('10.20.0.0/16')).toBeUndefined();
    expect(cidrProblem('10.20.1.0/16')).toContain('did you mean 10.20.0.0/16');
    expect(cidrProblem('10.20.0.0')).toContain('not a CIDR block');
    expect(cidrProblem('corp')).toContain('not a CIDR block');
  });

  it('computes the block bounds', () => {
    const v6 = cidrOf('2001:db8:1::/48');
    expect(formatIp(6, v6.last)).toBe('2001:db8:1:ffff:ffff:ffff:ffff:ffff');
    expect(cidrOf('0.0.0.0/0').last).toBe(0xffffffffn);
    expect(() => cidrOf('nope')).toThrow(RangeError);
  });
});

describe('containment', () => {
  it('contains and overlaps within a family only', () => {
    expect(cidrContains(cidrOf('10.0.0.0/8'), cidrOf('10.20.0.0/16'))).toBe(true);
    expect(cidrContains(cidrOf('10.20.0.0/16'), cidrOf('10.0.0.0/8'))).toBe(false);
    expect(cidrsOverlap(cidrOf('10.20.0.0/16'), cidrOf('10.0.0.0/8'))).toBe(true);
    expect(cidrsOverlap(cidrOf('10.20.0.0/16'), cidrOf('10.21.0.0/16'))).toBe(false);
    expect(cidrContains(cidrOf('::/0'), cidrOf('10.0.0.0/8'))).toBe(false);
  });
});

describe('ranges', () => {
  const r = (text: string) => rangeOf(cidrOf(text));

  it('unions adjacent and overlapping ranges', () => {
    expect(unionRanges([r('10.0.1.0/24'), r('10.0.0.0/24'), r('10.0.0.128/25')])).toEqual([r('10.0.0.0/23')]);
  });

  it('subtracts', () => {
    const rest = subtractRanges([r('10.0.0.0/16')], [r('10.0.5.0/24')]);
    expect(rangesToCidrs(4, rest).map(formatCidr)).toEqual([
      '10.0.0.0/22',
      '10.0.4.0/24',
      '10.0.6.0/23',
      '10.0.8.0/21',
      '10.0.16.0/20',
      '10.0.32.0/19',
      '10.0.64.0/18',
      '10.0.128.0/17',
    ]);
  });

  it('intersects', () => {
    expect(intersectRanges([r('10.0.0.0/16')], [r('10.0.5.0/24'), r('192.168.0.0/16')])).toEqual([r('10.0.5.0/24')]);
  });

  it('decides coverage by the union (two /1 halves are the whole internet)', () => {
    expect(rangesCover([r('0.0.0.0/1'), r('128.0.0.0/1')], [r('0.0.0.0/0')])).toBe(true);
    expect(rangesCover([r('10.0.0.0/9')], [r('10.0.0.0/8')])).toBe(false);
  });

  it('tells public from private space', () => {
    expect(includesPublicAddresses(cidrOf('10.0.0.0/8'))).toBe(false);
    expect(includesPublicAddresses(cidrOf('172.16.0.0/12'))).toBe(false);
    expect(includesPublicAddresses(cidrOf('203.0.113.0/24'))).toBe(true);
    expect(includesPublicAddresses(cidrOf('0.0.0.0/0'))).toBe(true);
    expect(includesPublicAddresses(cidrOf('fd00::/8'))).toBe(false);
    expect(includesPublicAddresses(cidrOf('::/0'))).toBe(true);
  });
});
