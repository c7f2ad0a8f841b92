import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id at OWASP's recommended minimum (m=19 MiB, t=2, p=1) or stronger (RELIABILITY A1).
 * `needsRehash` tells login to upgrade hashes stored with weaker parameters.
 */
export const ARGON2_PARAMS = { algorithm: 2 /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_PARAMS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

export function needsRehash(stored: string): boolean {
  const m = /^\$argon2(id|i|d)\$v=\d+\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(stored);
  if (!m) return true;
  const [, variant, mem, time] = m;
  return variant !== 'id' || Number(mem) < ARGON2_PARAMS.memoryCost || Number(time) < ARGON2_PARAMS.timeCost;
}

/** A hash to verify against when the account does not exist, so timing does not reveal it (A3). */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('not-a-real-password-for-timing');
  return dummyHash;
}
