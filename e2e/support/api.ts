import { apiUrl, seededUsers, type SeededUser } from './env';

type Envelope<T> = { success: boolean; data: T; error?: { code: string; message: string } };

/** Calls the API directly (not through the browser) as a seeded user, for preparing data. */
export async function apiAs(who: SeededUser) {
  const user = seededUsers[who];
  const login = await call<{ access_token: string }>('POST', '/api/v1/auth/login', undefined, {
    email: user.email,
    password: user.password,
  });
  const token = login.access_token;
  return <T>(method: string, path: string, body?: unknown) => call<T>(method, path, token, body);
}

async function call<T>(method: string, path: string, token?: string, body?: unknown): Promise<T> {
  const response = await fetch(`${apiUrl()}${path}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const payload = (await response.json()) as Envelope<T>;
  if (!response.ok || !payload.success) {
    throw new Error(`${method} ${path}: HTTP ${response.status} ${JSON.stringify(payload.error ?? payload)}`);
  }
  return payload.data;
}

/**
 * A new user of the demo tenant with a system role, for specs that change what they sign in with
 * (2FA, passwords) and must leave the seeded users as they were.
 */
export async function createDemoUser(role: 'admin' | 'supervisor' | 'agent', email: string, name: string) {
  const admin = await apiAs('admin');
  const roles = await admin<{ id: string; key: string }[]>('GET', '/api/v1/roles?limit=100');
  const roleId = roles.find((r) => r.key === role)?.id;
  if (!roleId) throw new Error(`the demo tenant has no ${role} role`);
  const password = 'E2e-created-password-1';
  await admin('POST', '/api/v1/users', { email, name, password, role_id: roleId });
  return { email, password };
}
