import { describe, expect, it } from 'vitest';
import { loadCallerSignalling } from '../../ari/testing/traces';
import { runConformance } from './driver';

/**
 * The recorded app-driven scenarios (traces 10–19): the same REST calls against the simulator
 * must answer the same statuses and bodies, and produce the same key events in the same order
 * per channel, with the same key fields (ids and timestamps may differ).
 */
const scenarios = [
  '01-inbound-stasis-answer-play-hangup',
  '02-originate-to-endpoint',
  '03-two-party-bridge',
  '04-hold-unhold-in-bridge',
  '05-blind-transfer-continue-to-dialplan',
  '06-redirect-unanswered-302',
  '09-agent-phone-blind-transfer-REFER',
  '10-ari-queue-holding-to-mixing',
  '11-agent-noanswer-and-busy',
  '12-two-callers-holding-one-abandons',
  '13-ivr-dtmf',
  '14-ari-attended-transfer',
  '15-bridge-recording',
  '16-supervisor-snoop',
  '17-ws-disconnect-reconnect',
  '18-originate-variants',
  '19-rest-errors',
];

describe('ARI simulator conformance with the recorded traces', () => {
  it.each(scenarios)('%s', async (scenario) => {
    const report = await runConformance(scenario);
    expect(report.restMismatches, 'REST answers').toEqual([]);
    expect(report.eventMismatches, 'recorded events').toEqual([]);
    expect(report.extraEvents, 'events the recording does not have').toEqual([]);
    expect(report.matchedEvents).toBe(report.recordedEvents);
  });
});

/**
 * What the calling phone gets (the sipp caller logs of the same runs): a caller parked in Stasis
 * hears nothing and stays in state Ring until the app answers it; `ring` gives it a 180 (and a
 * connected-line change while it is still ringing another), `answer` the 200 OK, a hang-up by the
 * app a BYE, a redirect the 302. A caller the app never answered and hangs up gets 603 Decline.
 */
describe('what the caller receives, as in the recorded SIP logs', () => {
  const withCallerLogs = scenarios.filter((s) => loadCallerSignalling(s).length > 0);

  it.each(withCallerLogs)('%s', async (scenario) => {
    const report = await runConformance(scenario);
    expect(report.callerSignalling).toEqual(loadCallerSignalling(scenario));
  });
});
