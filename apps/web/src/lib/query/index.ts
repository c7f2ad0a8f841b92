export { QueryProvider } from './query-provider';
export { useTenantKey, platformScope } from './tenant-key';
export { useCursorList } from './use-cursor-list';
export { useCursorPages } from './use-cursor-pages';
