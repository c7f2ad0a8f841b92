import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';

/** Parses a dotenv file: KEY=VALUE lines, `#` comments, optional single or double quotes. */
export function parseDotenv(text) {
  const out = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    let value = m[2];
    const quoted = /^(['"])(.*)\1$/.exec(value);
    if (quoted) value = quoted[1] === '"' ? quoted[2].replace(/\\n/g, '\n') : quoted[2];
    else value = value.replace(/\s+#.*$/, '');
    out[m[1]] = value;
  }
  return out;
}

/**
 * Loads `.env` under the process environment (a variable set in the shell wins). On a fresh
 * clone there is none: write a development one with a random JWT secret, so tokens survive a
 * restart but no two installs share a secret.
 */
export function loadDotenv(file, log) {
  if (!existsSync(file)) {
    const secret = randomBytes(48).toString('base64url');
    writeFileSync(
      file,
      [
        '# Written by `npm run dev` on first start. Every setting is described in .env.example.',
        'NODE_ENV=development',
        `JWT_SECRET=${secret}`,
        '',
      ].join('\n'),
      { mode: 0o600 },
    );
    log(`wrote ${file} with a random JWT_SECRET (see .env.example for every setting)`);
  }
  const fromFile = parseDotenv(readFileSync(file, 'utf8'));
  const merged = { ...fromFile };
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) merged[k] = v;
  return merged;
}
