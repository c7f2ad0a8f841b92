export {
  api,
  request,
  buildUrl,
  refreshAccessToken,
  onSignedOut,
  onRefreshed,
  type QueryParams,
} from './client';
export { ApiError, isApiError, errorMessage, applyFieldErrors } from './errors';
export { tokenStore } from './token-store';
