/**
 * Drops an ARI event identical to one of the last few from the same socket. Asterisk sends a
 * channel's event once per subscription that covers it: the router's own channels are also on
 * `endpoint:PJSIP`, which it follows for reachability, so each of their ChannelHangupRequest,
 * ChannelDestroyed, ChannelDtmfReceived, ChannelVarset… arrives twice, the same message (seen on
 * Asterisk 22.10.1 once that subscription took, e.g. after a worker restart). A digit pressed
 * once would count twice in an IVR. Replays of older events (D3) are not this filter's business:
 * the router is idempotent for those.
 */
export function repeatFilter(size = 64) {
  let recent = new Set<string>();
  let order: string[] = [];
  return {
    /** True when the same event arrived moments ago (drop it). */
    repeated(event: unknown): boolean {
      const key = JSON.stringify(event);
      if (recent.has(key)) return true;
      recent.add(key);
      order.push(key);
      if (order.length > size) recent.delete(order.shift()!);
      return false;
    },
    /** A new socket: what the previous one said does not count. */
    reset() {
      recent = new Set();
      order = [];
    },
  };
}
