export {
  WebSocketProvider,
  useRealtime,
  useRoomEvents,
  useRealtimeResync,
  defaultWebSocketUrl,
} from './websocket-provider';
export { RealtimeClient, type ConnectionStatus, type RoomHandler } from './realtime-client';
