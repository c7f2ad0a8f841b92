import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Loads the recorded Asterisk 22 captures committed under src/telephony/fixtures (copied from
 * ../shared/asterisk/traces and timelines): REST request/response pairs and the events the
 * `switchboard` app socket received, merged in time order.
 */
export const fixturesDir = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures');

export type RecordedRest = {
  kind: 'rest';
  at: string;
  method: string;
  /** Path below /ari including the query string, as sent. */
  path: string;
  requestBody: unknown;
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  bodyBytes?: number;
  /** How long the call took; `at - ms` is when it was sent. */
  ms: number;
};
export type RecordedEvent = { kind: 'event'; at: string; event: Record<string, unknown> & { type: string } };
export type RecordedSocket = { kind: 'ws'; at: string; ws: 'open' | 'closed'; code?: number };
export type RecordedStep = RecordedRest | RecordedEvent | RecordedSocket;

function readJsonl(file: string): Array<Record<string, unknown>> {
  try {
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

export function traceScenarios(): string[] {
  return readdirSync(join(fixturesDir, 'traces'))
    .filter((f) => f.endsWith('.rest.jsonl'))
    .map((f) => f.replace('.rest.jsonl', ''))
    .sort();
}

export function loadTrace(scenario: string): RecordedStep[] {
  const rest: RecordedStep[] = readJsonl(join(fixturesDir, 'traces', `${scenario}.rest.jsonl`)).map(
    (line) => {
      const request = line.request as { method: string; path: string; body: unknown };
      const response = line.response as {
        status: number;
        body: unknown;
        headers?: Record<string, string>;
        body_bytes?: number;
      };
      return {
        kind: 'rest',
        at: line.ts as string,
        method: request.method,
        path: request.path.replace(/^\/ari/, ''),
        requestBody: request.body,
        status: response.status,
        body: response.body,
        headers: response.headers,
        bodyBytes: response.body_bytes,
        ms: Number(line.ms ?? 0),
      };
    },
  );
  const events: RecordedStep[] = readJsonl(join(fixturesDir, 'traces', `${scenario}.app-events.jsonl`)).map(
    (line) =>
      line.ws
        ? {
            kind: 'ws',
            at: line.rx as string,
            ws: line.ws as 'open' | 'closed',
            code: line.code as number | undefined,
          }
        : { kind: 'event', at: line.rx as string, event: line.event as RecordedEvent['event'] },
  );
  // Stable sort: a REST answer and the event it caused can share a millisecond; keep file order.
  return [...rest, ...events].sort((a, b) => a.at.localeCompare(b.at));
}

export type TimelineStep = { rest: string; status: number } | ({ event: string } & Record<string, unknown>);

export function loadTimeline(scenario: string): { scenario: string; steps: TimelineStep[] } {
  return JSON.parse(readFileSync(join(fixturesDir, 'timelines', `${scenario}.json`), 'utf8')) as {
    scenario: string;
    steps: TimelineStep[];
  };
}

/**
 * What each recorded caller (a sipp UAC) received from Asterisk for its call, in order: the
 * responses to its authenticated INVITE (`100 Trying`, `180 Ringing`, `200 OK`, `302 …`; the
 * digest challenge left out) and `BYE` when Asterisk hung up. One list per caller log of the
 * scenario (`NN-name.sipp-caller*.msg.log`), in file-name order.
 */
export function loadCallerSignalling(scenario: string): string[][] {
  const dir = join(fixturesDir, 'traces');
  return readdirSync(dir)
    .filter((f) => f.startsWith(`${scenario}.sipp-caller`) && f.endsWith('.msg.log'))
    .sort()
    .map((file) => {
      const received: string[] = [];
      for (const block of readFileSync(join(dir, file), 'utf8').split(/^UDP message /m)) {
        if (!block.startsWith('received')) continue;
        const lines = block.split('\n').map((l) => l.trim());
        const start = lines.slice(1).find((l) => l.length > 0) ?? '';
        const cseq = lines.find((l) => /^CSeq:/i.test(l)) ?? '';
        const response = /^SIP\/2\.0 (\d{3} .*)$/.exec(start);
        if (response && /INVITE$/.test(cseq) && !response[1]!.startsWith('401')) received.push(response[1]!);
        if (start.startsWith('BYE ')) received.push('BYE');
      }
      return received;
    });
}
