import { describe, expect, it } from 'vitest';
import { endpointObjects, formatCallerId, trunkObjects } from './ara-rows';
import { createSecretBox, generateSipPassword } from './secret-box';

describe('ARA row builders', () => {
  it('keeps callerid within the 40 characters of ps_endpoints.callerid', () => {
    expect(formatCallerId('Front desk', '1001')).toBe('"Front desk" <1001>');
    const long = formatCallerId('A very long display name that will not fit at all', '+442071234567');
    expect(long.length).toBeLessThanOrEqual(40);
    expect(long.endsWith('<+442071234567>')).toBe(true);
    expect(formatCallerId('"<>\\', '1001')).toBe('<1001>');
  });

  it('brackets IPv6 hosts in SIP URIs and falls back to matching the host', () => {
    const set = trunkObjects({
      araId: 't1_trunk_abcdefgh',
      kind: 'ip',
      host: '2001:db8::10',
      port: 5060,
      transport: 'udp',
      username: null,
      password: null,
      fromDomain: null,
      matchIps: [],
      codecs: ['ulaw'],
    });
    expect(set.ps_aors[0]!.contact).toBe('sip:[2001:db8::10]:5060');
    expect(set.ps_endpoint_id_ips).toEqual([
      { id: 't1_trunk_abcdefgh_1', endpoint: 't1_trunk_abcdefgh', match: '2001:db8::10' },
    ]);
    expect(set.ps_auths).toEqual([]);
  });

  it('keeps connected-line updates away from trunks (internal names must not reach the carrier), not from phones', () => {
    const trunk = trunkObjects({
      araId: 't1_trunk_abcdefgh',
      kind: 'ip',
      host: '203.0.113.10',
      port: 5060,
      transport: 'udp',
      username: null,
      password: null,
      fromDomain: null,
      matchIps: [],
      codecs: ['ulaw'],
    });
    expect(trunk.ps_endpoints[0]!.sendConnectedLine).toBe('no');
    const phone = endpointObjects({
      araId: 't1_2001',
      tenantId: 'tenant',
      prefix: 't1',
      extension: '2001',
      displayName: 'Desk',
      kind: 'sip',
      codecs: ['ulaw'],
      nat: false,
      maxContacts: 1,
      callerIdName: null,
      callerIdNumber: null,
      voicemailEnabled: false,
      password: 'x',
    });
    // Phones keep Asterisk's default (yes): they should show who they are talking to.
    expect(phone.ps_endpoints[0]!.sendConnectedLine).toBeNull();
  });

  it('gives browsers NAT handling even when nat is off', () => {
    const set = endpointObjects({
      araId: 't1_2001',
      tenantId: 'tenant',
      prefix: 't1',
      extension: '2001',
      displayName: 'Browser',
      kind: 'webrtc',
      codecs: ['opus', 'ulaw'],
      nat: false,
      maxContacts: 1,
      callerIdName: null,
      callerIdNumber: null,
      voicemailEnabled: false,
      password: 'x',
    });
    expect(set.ps_endpoints[0]).toMatchObject({
      webrtc: 'yes',
      rtpSymmetric: 'yes',
      rewriteContact: 'yes',
      allow: 'opus,ulaw',
    });
  });
});

describe('secret box', () => {
  it('round-trips, uses a fresh IV each time and rejects tampering or another key', () => {
    const box = createSecretBox('a-secret-of-at-least-thirty-two-characters');
    const a = box.seal('hunter2');
    expect(a).not.toBe(box.seal('hunter2'));
    expect(box.open(a)).toBe('hunter2');
    const [v, iv, tag, body] = a.split('.');
    const flipped = Buffer.from(body!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => box.open([v, iv, tag, flipped.toString('base64url')].join('.'))).toThrow();
    expect(() => createSecretBox('another-secret-of-at-least-thirty-two-chars').open(a)).toThrow();
  });

  it('generates 24-character passwords without confusable or unsafe characters', () => {
    const pw = generateSipPassword();
    expect(pw).toMatch(/^[A-HJ-NP-Za-km-z2-9]{24}$/);
    expect(new Set(Array.from({ length: 50 }, generateSipPassword)).size).toBe(50);
  });
});
