import { isIPv4, isIPv6 } from 'node:net';

/**
 * RELIABILITY I6: outbound URLs (SMS webhooks) must not reach the platform's own network.
 * This write-time check refuses what the URL says literally: private, loopback, link-local,
 * CGNAT, multicast, documentation and cloud-metadata addresses (IPv4, IPv6 and IPv4-mapped
 * forms, after the WHATWG parser has normalised `0x7f.1` or `2130706433` to dotted quads), and
 * host names that only resolve inside a network (localhost, single-label names, .local,
 * .internal …). A public name can still resolve to a private address later (DNS rebinding), so
 * the sender must re-check the resolved address before each delivery; nothing is resolved here.
 */
export function publicUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'Not a valid URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'Only http and https URLs are allowed';
  if (url.username || url.password) return 'Credentials in the URL are not allowed';
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  const bare = host.startsWith('[') ? host.slice(1, -1) : host;
  if (isIPv4(bare)) return privateIPv4(bare) ? 'Private, loopback, link-local and reserved addresses are not allowed' : null;
  if (isIPv6(bare)) return privateIPv6(bare) ? 'Private, loopback, link-local and reserved addresses are not allowed' : null;
  if (!host.includes('.')) return 'Use a public host name (single-label names such as localhost are not allowed)';
  if (INTERNAL_SUFFIXES.some((s) => host === s || host.endsWith(`.${s}`))) return 'Internal host names are not allowed';
  return null;
}

const INTERNAL_SUFFIXES = ['localhost', 'local', 'localdomain', 'internal', 'intranet', 'lan', 'home.arpa', 'corp', 'metadata.google.internal'];

const v4Blocked: [string, number][] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];

const v4ToInt = (ip: string) => ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);

function privateIPv4(ip: string): boolean {
  const n = v4ToInt(ip);
  return v4Blocked.some(([base, bits]) => {
    const size = 2 ** (32 - bits);
    const start = v4ToInt(base);
    return n >= start && n < start + size;
  });
}

/** The eight 16-bit groups of an IPv6 address (handles `::` and a trailing dotted quad). */
function ipv6Groups(ip: string): number[] {
  let s = ip.split('%')[0]!;
  const quad = s.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (quad) {
    const n = v4ToInt(quad[1]!);
    s = `${s.slice(0, -quad[1]!.length)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, tail] = s.split('::') as [string, string | undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array<string>(8 - h.length - t.length).fill('0');
  return [...h, ...fill, ...t].map((g) => parseInt(g, 16));
}

function privateIPv6(ip: string): boolean {
  const g = ipv6Groups(ip);
  const first = g[0]!;
  if (g.slice(0, 7).every((x) => x === 0) && (g[7] === 0 || g[7] === 1)) return true; // :: and ::1
  const embeddedV4 = () => `${g[6]! >> 8}.${g[6]! & 0xff}.${g[7]! >> 8}.${g[7]! & 0xff}`;
  // IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) carry an IPv4 target.
  if (g.slice(0, 5).every((x) => x === 0) && (g[5] === 0xffff || g[5] === 0)) return privateIPv4(embeddedV4());
  if (first === 0x64 && g[1] === 0xff9b) return privateIPv4(embeddedV4());
  if ((first & 0xfe00) === 0xfc00) return true; // unique local fc00::/7 (incl. AWS fd00:ec2::254)
  if ((first & 0xffc0) === 0xfe80) return true; // link-local fe80::/10
  if ((first & 0xffc0) === 0xfec0) return true; // site-local fec0::/10 (deprecated)
  if ((first & 0xff00) === 0xff00) return true; // multicast
  if (first === 0x2001 && g[1] === 0x0db8) return true; // documentation
  return false;
}
