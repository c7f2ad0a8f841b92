import { describe, expect, it } from 'vitest';
import { createMemoryBus, type EventBus } from '../../realtime/bus';
import { createRoutingCache } from './routing-cache';

function setup(opts: { healthy?: () => boolean } = {}) {
  let t = 1_000_000;
  const base = createMemoryBus();
  const bus: EventBus = { ...base, healthy: opts.healthy ?? (() => true) };
  const cache = createRoutingCache({
    bus,
    now: () => t,
    options: { ttlMs: 30_000, degradedTtlMs: 1_000, settleMs: 2_000 },
  });
  let reads = 0;
  let value = 'v1';
  const load = async () => {
    reads++;
    return value;
  };
  const get = () => cache.get('queue:A:q1', load, () => 'A');
  return {
    cache,
    bus,
    get,
    reads: () => reads,
    set: (v: string) => (value = v),
    advance: (ms: number) => (t += ms),
  };
}

describe('routing cache', () => {
  it('answers a repeated lookup from memory, and concurrent lookups with one read', async () => {
    const s = setup();
    expect(await Promise.all([s.get(), s.get(), s.get()])).toEqual(['v1', 'v1', 'v1']);
    expect(await s.get()).toBe('v1');
    expect(s.reads()).toBe(1);
  });

  it('reads afresh after a change is announced, and keeps nothing while the change may still be committing', async () => {
    const s = setup();
    await s.get();
    s.cache.changed('A');
    s.set('v2');
    expect(await s.get()).toBe('v2');
    expect(await s.get()).toBe('v2');
    expect(s.reads()).toBe(3); // within the settle window: read each time
    s.advance(2_001);
    await s.get();
    await s.get();
    expect(s.reads()).toBe(4); // settled: kept again
  });

  it('another tenant’s change leaves this tenant’s answers alone; a change of "any tenant" clears all', async () => {
    const s = setup();
    await s.get();
    s.cache.changed('B');
    await s.get();
    expect(s.reads()).toBe(1);
    s.cache.changed(null);
    await s.get();
    expect(s.reads()).toBe(2);
  });

  it('does not keep an answer whose lookup started before a change was announced', async () => {
    const s = setup();
    let release!: () => void;
    const slow = s.cache.get(
      'did:+1555',
      () => new Promise<string>((r) => (release = () => r('old'))),
      () => 'A',
    );
    s.bus.publish({ kind: 'routing', tenantId: 'A' }); // from another instance
    release();
    expect(await slow).toBe('old');
    s.advance(5_000);
    expect(
      await s.cache.get(
        'did:+1555',
        async () => 'new',
        () => 'A',
      ),
    ).toBe('new');
  });

  it('expires answers after the TTL, and after one second while the bus is down', async () => {
    let healthy = true;
    const s = setup({ healthy: () => healthy });
    await s.get();
    s.advance(29_000);
    await s.get();
    expect(s.reads()).toBe(1);
    s.advance(1_001);
    await s.get();
    expect(s.reads()).toBe(2);
    healthy = false;
    s.advance(1_001);
    await s.get();
    expect(s.reads()).toBe(3);
  });

  it('keeps no answer that belongs to no tenant (an unknown number), and forgets everything on a resync', async () => {
    const s = setup();
    let n = 0;
    const unknown = () =>
      s.cache.get(
        'did:+1999',
        async () => (n++, null),
        () => null,
      );
    await unknown();
    await unknown();
    expect(n).toBe(2);
    await s.get();
    s.bus.publish({ kind: 'resync', from: new Date().toISOString() });
    await s.get();
    expect(s.reads()).toBe(2);
  });
});
