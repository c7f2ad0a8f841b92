import type { Channel, LiveRecording, Playback, RTPstat, Variable } from '../types/models';
import { ariPath, type AriHttp } from './http';

/** Hang-up reasons ARI accepts for `DELETE /channels/{id}?reason=`. */
export type HangupReason =
  | 'normal'
  | 'busy'
  | 'congestion'
  | 'no_answer'
  | 'timeout'
  | 'rejected'
  | 'unallocated'
  | 'normal_unspecified'
  | 'number_incomplete'
  | 'codec_mismatch'
  | 'interworking'
  | 'failure'
  | 'answered_elsewhere';

export type MuteDirection = 'both' | 'in' | 'out';
export type SnoopDirection = 'none' | 'both' | 'out' | 'in';

type OriginateCommon = {
  /** `PJSIP/t42_1001`, `PJSIP/sip:+1555@trunk`, `Local/...` */
  endpoint: string;
  app?: string;
  /** Joined with commas, as Stasis(app,arg1,arg2) would. */
  appArgs?: string | readonly string[];
  extension?: string;
  context?: string;
  priority?: number;
  label?: string;
  /** `"Name" <number>` */
  callerId?: string;
  /** Seconds to wait for an answer (Asterisk default 30). */
  timeout?: number;
  otherChannelId?: string;
  /** The new channel inherits this channel's linkedid (one call). Not with `formats`. */
  originator?: string;
  formats?: string;
  /** Channel variables, e.g. `{ 'PJSIP_HEADER(add,X-Foo)': 'yes', SWITCHBOARD_TENANT: 't42' }`. */
  variables?: Record<string, string>;
};

export type OriginateParams = OriginateCommon & { channelId?: string };

export type CreateChannelParams = {
  endpoint: string;
  app: string;
  appArgs?: string | readonly string[];
  channelId?: string;
  otherChannelId?: string;
  originator?: string;
  formats?: string;
  variables?: Record<string, string>;
};

export type PlayParams = {
  /** `sound:hello-world`, `digits:125`, `recording:name`, `tone:ring`; several play in order. */
  media: string | readonly string[];
  lang?: string;
  offsetms?: number;
  skipms?: number;
  /** Choose the playback id (then `POST .../play/{playbackId}` is used). */
  playbackId?: string;
};

export type RecordParams = {
  name: string;
  format: string;
  maxDurationSeconds?: number;
  maxSilenceSeconds?: number;
  ifExists?: 'fail' | 'overwrite' | 'append';
  beep?: boolean;
  terminateOn?: 'none' | 'any' | '*' | '#';
};

export type SnoopParams = {
  app: string;
  spy?: SnoopDirection;
  whisper?: SnoopDirection;
  appArgs?: string | readonly string[];
  snoopId?: string;
};

function variablesBody(variables: Record<string, string> | undefined) {
  return variables ? { variables } : undefined;
}

function originateQuery(params: OriginateCommon) {
  const { variables: _variables, ...query } = params;
  return query;
}

/** Channel operations (`/channels`). Every method rejects with AriError on non-2xx. */
export function createChannelsApi(http: AriHttp) {
  const channel = (id: string, ...rest: string[]) => ariPath('channels', id, ...rest);
  const simple = (operation: string, method: 'POST' | 'DELETE', suffix: string) => (id: string) =>
    http.request<void>({ operation, method, path: channel(id, suffix) });

  return {
    list: () => http.request<Channel[]>({ operation: 'channels.list', method: 'GET', path: '/channels' }),
    get: (id: string) =>
      http.request<Channel>({ operation: 'channels.get', method: 'GET', path: channel(id) }),

    /** POST /channels: dial an endpoint and put the answered channel in `app` (or dialplan). */
    originate: (params: OriginateParams) =>
      http.request<Channel>({
        operation: 'channels.originate',
        method: 'POST',
        path: '/channels',
        query: originateQuery(params),
        body: variablesBody(params.variables),
      }),
    /** POST /channels/{id}: originate with a chosen channel id. */
    originateWithId: (id: string, params: OriginateCommon) =>
      http.request<Channel>({
        operation: 'channels.originateWithId',
        method: 'POST',
        path: channel(id),
        query: originateQuery(params),
        body: variablesBody(params.variables),
      }),
    /** POST /channels/create: a channel in Stasis (state Down) that `dial` then rings. */
    create: (params: CreateChannelParams) => {
      const { variables, ...query } = params;
      return http.request<Channel>({
        operation: 'channels.create',
        method: 'POST',
        path: '/channels/create',
        query,
        body: variablesBody(variables),
      });
    },
    dial: (id: string, params: { caller?: string; timeout?: number } = {}) =>
      http.request<void>({
        operation: 'channels.dial',
        method: 'POST',
        path: channel(id, 'dial'),
        query: params,
      }),
    hangup: (id: string, params: { reason?: HangupReason; reason_code?: string } = {}) =>
      http.request<void>({
        operation: 'channels.hangup',
        method: 'DELETE',
        path: channel(id),
        query: params,
      }),

    answer: simple('channels.answer', 'POST', 'answer'),
    ring: simple('channels.ring', 'POST', 'ring'),
    ringStop: simple('channels.ringStop', 'DELETE', 'ring'),
    progress: simple('channels.progress', 'POST', 'progress'),
    /** ARI hold plays music to the channel; no ChannelHold event follows (surprise 1). */
    hold: simple('channels.hold', 'POST', 'hold'),
    unhold: simple('channels.unhold', 'DELETE', 'hold'),
    stopMoh: simple('channels.stopMoh', 'DELETE', 'moh'),
    startSilence: simple('channels.startSilence', 'POST', 'silence'),
    stopSilence: simple('channels.stopSilence', 'DELETE', 'silence'),

    mute: (id: string, direction?: MuteDirection) =>
      http.request<void>({
        operation: 'channels.mute',
        method: 'POST',
        path: channel(id, 'mute'),
        query: { direction },
      }),
    unmute: (id: string, direction?: MuteDirection) =>
      http.request<void>({
        operation: 'channels.unmute',
        method: 'DELETE',
        path: channel(id, 'mute'),
        query: { direction },
      }),
    startMoh: (id: string, mohClass?: string) =>
      http.request<void>({
        operation: 'channels.startMoh',
        method: 'POST',
        path: channel(id, 'moh'),
        query: { mohClass },
      }),

    play: (id: string, params: PlayParams) => {
      const { playbackId, ...query } = params;
      return http.request<Playback>({
        operation: 'channels.play',
        method: 'POST',
        path: playbackId ? channel(id, 'play', playbackId) : channel(id, 'play'),
        query,
      });
    },
    record: (id: string, params: RecordParams) =>
      http.request<LiveRecording>({
        operation: 'channels.record',
        method: 'POST',
        path: channel(id, 'record'),
        query: params,
      }),
    /** A Snoop/ channel in `app` that hears (spy) and/or talks into (whisper) this channel. */
    snoop: (id: string, params: SnoopParams) => {
      const { snoopId, ...query } = params;
      return http.request<Channel>({
        operation: 'channels.snoop',
        method: 'POST',
        path: snoopId ? channel(id, 'snoop', snoopId) : channel(id, 'snoop'),
        query,
      });
    },
    /** Needs `PJSIP/<endpoint>` or `PJSIP/sip:user@host`; other targets answer 204 and do nothing (surprise 3). */
    redirect: (id: string, endpoint: string) =>
      http.request<void>({
        operation: 'channels.redirect',
        method: 'POST',
        path: channel(id, 'redirect'),
        query: { endpoint },
      }),
    continueInDialplan: (
      id: string,
      params: { context?: string; extension?: string; priority?: number; label?: string } = {},
    ) =>
      http.request<void>({
        operation: 'channels.continueInDialplan',
        method: 'POST',
        path: channel(id, 'continue'),
        query: params,
      }),
    move: (id: string, params: { app: string; appArgs?: string | readonly string[] }) =>
      http.request<void>({
        operation: 'channels.move',
        method: 'POST',
        path: channel(id, 'move'),
        query: params,
      }),
    sendDtmf: (
      id: string,
      params: { dtmf: string; before?: number; between?: number; duration?: number; after?: number },
    ) =>
      http.request<void>({
        operation: 'channels.sendDtmf',
        method: 'POST',
        path: channel(id, 'dtmf'),
        query: params,
      }),
    getVariable: async (id: string, variable: string) =>
      (
        await http.request<Variable>({
          operation: 'channels.getVariable',
          method: 'GET',
          path: channel(id, 'variable'),
          query: { variable },
        })
      ).value,
    setVariable: (id: string, variable: string, value?: string) =>
      http.request<void>({
        operation: 'channels.setVariable',
        method: 'POST',
        path: channel(id, 'variable'),
        query: { variable, value },
      }),
    rtpStatistics: (id: string) =>
      http.request<RTPstat>({
        operation: 'channels.rtpStatistics',
        method: 'GET',
        path: channel(id, 'rtp_statistics'),
      }),
  };
}

export type ChannelsApi = ReturnType<typeof createChannelsApi>;
