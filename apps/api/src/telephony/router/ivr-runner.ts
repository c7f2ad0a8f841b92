import type { CallRouter } from './call-router';
import type { LiveCall } from './live-calls';
import type { IvrMenu } from './ports';

/**
 * IVR menus: play the greeting, then wait for one digit. A channel parked in Stasis waits forever
 * unless the app times it out (surprise 7), so every wait has its own timer. A digit may be
 * pressed during the greeting (it stops the greeting). No digit → timeout destination; an unknown
 * digit → replay up to max retries, then the invalid destination.
 */
export class IvrRunner {
  constructor(private readonly r: CallRouter) {}

  async start(call: LiveCall, menu: IvrMenu) {
    call.state = 'ivr';
    call.ivr = { menu, retries: 0, playbackId: null, timer: null };
    await this.r.deps.calls.setStatus(call.tenantId, call.id, 'ivr');
    await this.r.publish(call, 'call.ivr');
    await this.playGreeting(call);
  }

  private async playGreeting(call: LiveCall) {
    const ivr = call.ivr!;
    try {
      const { playbackId } = await this.r.deps.ari.play(call.callerChannelId, [ivr.menu.greeting]);
      ivr.playbackId = playbackId;
      // If PlaybackFinished never arrives, start the digit timeout anyway after a generous bound.
      ivr.timer?.cancel();
      ivr.timer = this.r.later(call, 120_000, async () => this.onGreetingDone(call));
    } catch {
      this.onGreetingDone(call);
    }
  }

  onGreetingDone(call: LiveCall) {
    const ivr = call.ivr;
    if (!ivr || call.state !== 'ivr') return;
    ivr.playbackId = null;
    ivr.timer?.cancel();
    ivr.timer = this.r.later(call, ivr.menu.timeoutSeconds * 1000, () => this.onTimeout(call));
  }

  async onDigit(call: LiveCall, digit: string) {
    const ivr = call.ivr;
    if (!ivr || call.state !== 'ivr') return;
    ivr.timer?.cancel();
    if (ivr.playbackId) {
      const id = ivr.playbackId;
      ivr.playbackId = null;
      await this.r.safe(() => this.r.deps.ari.stopPlayback(id));
    }
    await this.r.timeline(
      call,
      'dtmf',
      `dtmf:${call.callerChannelId}:${ivr.retries}:${digit}:${this.r.deps.now().getTime()}`,
      { digit },
    );
    const destination = ivr.menu.options[digit];
    if (destination) {
      this.stop(call);
      call.state = 'routing';
      return this.r.routeTo(call, destination);
    }
    return this.retryOr(call, 'invalid');
  }

  private async onTimeout(call: LiveCall) {
    if (!call.ivr || call.state !== 'ivr') return;
    await this.r.timeline(call, 'ivr_timeout', `ivrtimeout:${call.callerChannelId}:${call.ivr.retries}`, {});
    return this.retryOr(call, 'timeout');
  }

  private async retryOr(call: LiveCall, why: 'invalid' | 'timeout') {
    const ivr = call.ivr!;
    if (ivr.retries < ivr.menu.maxRetries) {
      ivr.retries++;
      return this.playGreeting(call);
    }
    const destination = why === 'invalid' ? ivr.menu.invalidDestination : ivr.menu.timeoutDestination;
    this.stop(call);
    call.state = 'routing';
    return this.r.routeTo(call, destination);
  }

  stop(call: LiveCall) {
    call.ivr?.timer?.cancel();
    call.ivr = undefined;
  }
}
