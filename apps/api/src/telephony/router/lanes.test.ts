import { describe, expect, it } from 'vitest';
import { Lanes } from './lanes';

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

/** A piece of work that logs its start and end around a wait. */
const step = (log: string[], name: string, ms: number) => async () => {
  log.push(`${name}:start`);
  await tick(ms);
  log.push(`${name}:end`);
  return name;
};

describe('router lanes', () => {
  it('runs the work of one key in submission order, never interleaved', async () => {
    const lanes = new Lanes();
    const log: string[] = [];
    await Promise.all([
      lanes.run('a', step(log, 'a1', 10)),
      lanes.run('a', step(log, 'a2', 1)),
      lanes.run('a', step(log, 'a3', 0)),
    ]);
    expect(log).toEqual(['a1:start', 'a1:end', 'a2:start', 'a2:end', 'a3:start', 'a3:end']);
  });

  it('runs different keys side by side', async () => {
    const lanes = new Lanes();
    const log: string[] = [];
    await Promise.all([lanes.run('a', step(log, 'a', 20)), lanes.run('b', step(log, 'b', 1))]);
    expect(log).toEqual(['a:start', 'b:start', 'b:end', 'a:end']);
  });

  it('keeps a lane going after a failure and reports the failure to its caller', async () => {
    const lanes = new Lanes();
    const failed = lanes.run('a', async () => {
      throw new Error('boom');
    });
    await expect(failed).rejects.toThrow('boom');
    expect(await lanes.run('a', async () => 'next')).toBe('next');
    await tick();
    expect(lanes.busyLanes).toBe(0); // finished lanes are forgotten
  });

  it('admits at most maxRunning pieces of work at once, first come first served; unbounded work skips the limit', async () => {
    const lanes = new Lanes(2);
    let running = 0;
    let peak = 0;
    const order: string[] = [];
    const work = (name: string) => async () => {
      running++;
      peak = Math.max(peak, running);
      order.push(name);
      await tick(5);
      running--;
    };
    const all = ['k1', 'k2', 'k3', 'k4', 'k5'].map((k) => lanes.run(k, work(k)));
    let pumpRan = false;
    const pump = lanes.run('queue', async () => void (pumpRan = true), { unbounded: true });
    await pump;
    expect(pumpRan).toBe(true);
    expect(order).toEqual(['k1', 'k2']); // the pump did not wait for a slot
    await Promise.all(all);
    expect(peak).toBe(2);
    expect(order).toEqual(['k1', 'k2', 'k3', 'k4', 'k5']);
  });

  it('exclusive work waits for admitted work and holds back work submitted after it', async () => {
    const lanes = new Lanes();
    const log: string[] = [];
    const a = lanes.run('a', step(log, 'a', 10));
    const b = lanes.run('b', step(log, 'b', 5));
    const x = lanes.exclusive(step(log, 'x', 5));
    const c = lanes.run('a', step(log, 'c', 0));
    await Promise.all([a, b, x, c]);
    expect(log.indexOf('x:start')).toBeGreaterThan(log.indexOf('a:end'));
    expect(log.indexOf('x:start')).toBeGreaterThan(log.indexOf('b:end'));
    expect(log.indexOf('c:start')).toBeGreaterThan(log.indexOf('x:end'));
  });

  it('nested work submitted and awaited by running work passes the gate and the limit (no deadlock)', async () => {
    const lanes = new Lanes(1);
    const log: string[] = [];
    const outer = lanes.run('queue', async () => {
      log.push('outer:start');
      await tick(5); // an exclusive is requested meanwhile
      const inner = await lanes.run('call', async () => 'inner', { nested: true });
      log.push(`outer:${inner}`);
    });
    await tick(1);
    const x = lanes.exclusive(async () => void log.push('x'));
    await Promise.all([outer, x]);
    expect(log).toEqual(['outer:start', 'outer:inner', 'x']);
  });

  it('nested work keeps the order of its own lane', async () => {
    const lanes = new Lanes();
    const log: string[] = [];
    const first = lanes.run('call', step(log, 'event', 10));
    const outer = lanes.run('queue', () => lanes.run('call', step(log, 'offer', 0), { nested: true }), {
      unbounded: true,
    });
    await Promise.all([first, outer]);
    expect(log).toEqual(['event:start', 'event:end', 'offer:start', 'offer:end']);
  });
});
