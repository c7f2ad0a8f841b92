import type { Bridge, LiveRecording, Playback } from '../types/models';
import type { PlayParams, RecordParams } from './channels';
import { ariPath, type AriHttp } from './http';

/** Bridge types ARI accepts; several may be combined (`mixing,dtmf_events`). */
export type BridgeType = 'mixing' | 'holding' | 'dtmf_events' | 'proxy_media' | 'video_sfu' | 'video_single';

export type CreateBridgeParams = {
  type?: BridgeType | readonly BridgeType[];
  name?: string;
  bridgeId?: string;
};

export type AddChannelParams = {
  /** One id or several; several are sent as one comma list (one REST call, as in the traces). */
  channel: string | readonly string[];
  role?: 'participant' | 'announcer' | string;
  absorbDTMF?: boolean;
  mute?: boolean;
  inhibitConnectedLineUpdates?: boolean;
};

/** Bridge operations (`/bridges`). */
export function createBridgesApi(http: AriHttp) {
  const bridge = (id: string, ...rest: string[]) => ariPath('bridges', id, ...rest);
  return {
    list: () => http.request<Bridge[]>({ operation: 'bridges.list', method: 'GET', path: '/bridges' }),
    get: (id: string) => http.request<Bridge>({ operation: 'bridges.get', method: 'GET', path: bridge(id) }),
    create: (params: CreateBridgeParams = {}) =>
      http.request<Bridge>({ operation: 'bridges.create', method: 'POST', path: '/bridges', query: params }),
    createWithId: (id: string, params: Omit<CreateBridgeParams, 'bridgeId'> = {}) =>
      http.request<Bridge>({
        operation: 'bridges.createWithId',
        method: 'POST',
        path: bridge(id),
        query: params,
      }),
    destroy: (id: string) =>
      http.request<void>({ operation: 'bridges.destroy', method: 'DELETE', path: bridge(id) }),
    /** Moves the channel if it is already in another bridge (surprise 12). */
    addChannel: (id: string, params: AddChannelParams) =>
      http.request<void>({
        operation: 'bridges.addChannel',
        method: 'POST',
        path: bridge(id, 'addChannel'),
        query: params,
      }),
    removeChannel: (id: string, channel: string | readonly string[]) =>
      http.request<void>({
        operation: 'bridges.removeChannel',
        method: 'POST',
        path: bridge(id, 'removeChannel'),
        query: { channel },
      }),
    /** Music stops by itself when the bridge empties; a later stopMoh answers 409. */
    startMoh: (id: string, mohClass?: string) =>
      http.request<void>({
        operation: 'bridges.startMoh',
        method: 'POST',
        path: bridge(id, 'moh'),
        query: { mohClass },
      }),
    stopMoh: (id: string) =>
      http.request<void>({ operation: 'bridges.stopMoh', method: 'DELETE', path: bridge(id, 'moh') }),
    play: (id: string, params: PlayParams & { announcer_format?: string }) => {
      const { playbackId, ...query } = params;
      return http.request<Playback>({
        operation: 'bridges.play',
        method: 'POST',
        path: playbackId ? bridge(id, 'play', playbackId) : bridge(id, 'play'),
        query,
      });
    },
    record: (id: string, params: RecordParams & { recorder_format?: string }) =>
      http.request<LiveRecording>({
        operation: 'bridges.record',
        method: 'POST',
        path: bridge(id, 'record'),
        query: params,
      }),
  };
}

export type BridgesApi = ReturnType<typeof createBridgesApi>;
