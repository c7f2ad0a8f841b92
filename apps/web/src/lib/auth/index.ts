export {
  AuthProvider,
  useAuth,
  useSession,
  usePermission,
  useFeature,
  hasPermission,
  hasFeature,
  type SessionStatus,
} from './auth-provider';
export { RequireAccess, RequireSession } from './guards';
export { loginPath, safeNextPath, signOutReasonFrom } from './redirects';
