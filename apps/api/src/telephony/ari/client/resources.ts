import type {
  Application,
  AsteriskInfo,
  AsteriskPing,
  Endpoint,
  LiveRecording,
  Playback,
  StoredRecording,
} from '../types/models';
import { ariPath, type AriHttp, type AriStream } from './http';

/** Stored and live recordings (`/recordings`). */
export function createRecordingsApi(http: AriHttp) {
  const stored = (name: string, ...rest: string[]) => ariPath('recordings', 'stored', name, ...rest);
  const live = (name: string, ...rest: string[]) => ariPath('recordings', 'live', name, ...rest);
  return {
    listStored: () =>
      http.request<StoredRecording[]>({
        operation: 'recordings.listStored',
        method: 'GET',
        path: '/recordings/stored',
      }),
    getStored: (name: string) =>
      http.request<StoredRecording>({ operation: 'recordings.getStored', method: 'GET', path: stored(name) }),
    /** The audio bytes (content type follows the recording's format, e.g. audio/wav). */
    getStoredFile: (name: string) =>
      http.request<Buffer>({
        operation: 'recordings.getStoredFile',
        method: 'GET',
        path: stored(name, 'file'),
        responseType: 'binary',
      }),
    /**
     * The audio as a stream, for passing on without holding the file in memory. Asterisk 22
     * answers 200 with the whole file, `content-type` from the format (`audio/wav`) and
     * `content-length`, and ignores a `Range` header (checked on 22.10.1, see
     * test/asterisk/queue.asterisk.ts); 404 `Recording not found` when there is no such file.
     */
    streamStoredFile: (name: string, opts: { range?: string } = {}): Promise<AriStream> =>
      http.stream({
        operation: 'recordings.getStoredFile',
        method: 'GET',
        path: stored(name, 'file'),
        headers: opts.range ? { range: opts.range } : {},
      }),
    deleteStored: (name: string) =>
      http.request<void>({ operation: 'recordings.deleteStored', method: 'DELETE', path: stored(name) }),
    getLive: (name: string) =>
      http.request<LiveRecording>({ operation: 'recordings.getLive', method: 'GET', path: live(name) }),
    /** Stops and keeps the file (RecordingFinished follows). */
    stop: (name: string) =>
      http.request<void>({ operation: 'recordings.stop', method: 'POST', path: live(name, 'stop') }),
    /** Stops and discards the file. */
    cancel: (name: string) =>
      http.request<void>({ operation: 'recordings.cancel', method: 'DELETE', path: live(name) }),
  };
}

/** Playbacks (`/playbacks`). Stopping one gives PlaybackFinished with state `done`. */
export function createPlaybacksApi(http: AriHttp) {
  return {
    get: (id: string) =>
      http.request<Playback>({ operation: 'playbacks.get', method: 'GET', path: ariPath('playbacks', id) }),
    stop: (id: string) =>
      http.request<void>({ operation: 'playbacks.stop', method: 'DELETE', path: ariPath('playbacks', id) }),
  };
}

/** Endpoints (`/endpoints`): registration state as Asterisk has loaded it (see surprise 4). */
export function createEndpointsApi(http: AriHttp) {
  return {
    list: () => http.request<Endpoint[]>({ operation: 'endpoints.list', method: 'GET', path: '/endpoints' }),
    listByTech: (tech: string) =>
      http.request<Endpoint[]>({
        operation: 'endpoints.listByTech',
        method: 'GET',
        path: ariPath('endpoints', tech),
      }),
    get: (tech: string, resource: string) =>
      http.request<Endpoint>({
        operation: 'endpoints.get',
        method: 'GET',
        path: ariPath('endpoints', tech, resource),
      }),
  };
}

/** Stasis applications (`/applications`) and event subscriptions, e.g. `endpoint:PJSIP`. */
export function createApplicationsApi(http: AriHttp) {
  const app = (name: string, ...rest: string[]) => ariPath('applications', name, ...rest);
  return {
    list: () =>
      http.request<Application[]>({ operation: 'applications.list', method: 'GET', path: '/applications' }),
    get: (name: string) =>
      http.request<Application>({ operation: 'applications.get', method: 'GET', path: app(name) }),
    subscribe: (name: string, eventSource: string | readonly string[]) =>
      http.request<Application>({
        operation: 'applications.subscribe',
        method: 'POST',
        path: app(name, 'subscription'),
        query: { eventSource },
      }),
    unsubscribe: (name: string, eventSource: string | readonly string[]) =>
      http.request<Application>({
        operation: 'applications.unsubscribe',
        method: 'DELETE',
        path: app(name, 'subscription'),
        query: { eventSource },
      }),
  };
}

/** `/asterisk`: info and ping, used by health checks. */
export function createAsteriskApi(http: AriHttp) {
  return {
    info: () =>
      http.request<AsteriskInfo>({ operation: 'asterisk.info', method: 'GET', path: '/asterisk/info' }),
    ping: () =>
      http.request<AsteriskPing>({ operation: 'asterisk.ping', method: 'GET', path: '/asterisk/ping' }),
  };
}
