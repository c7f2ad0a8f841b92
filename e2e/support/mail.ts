import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { mailDir } from './env';
import type { CapturedMail } from './smtp';

/** Quoted-printable soft line breaks and =XX escapes, so links read whole. */
function decodeQuotedPrintable(raw: string): string {
  return raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function readMails(): (CapturedMail & { file: string })[] {
  const dir = mailDir();
  let files: string[];
  try {
    files = readdirSync(dir).filter((file) => file.endsWith('.json'));
  } catch {
    return [];
  }
  return files
    .sort()
    .map((file) => ({ file, ...(JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as CapturedMail) }));
}

/**
 * Waits for a message to `to` received after `since` (a Date.now() taken before the action that
 * sends it) and returns its decoded text.
 */
export async function waitForMail(to: string, since: number, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const mail = readMails()
      .reverse()
      .find((m) => m.to.includes(to.toLowerCase()) && Date.parse(m.receivedAt) >= since);
    if (mail) return decodeQuotedPrintable(mail.raw);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no e-mail to ${to} arrived within ${timeoutMs / 1000} s`);
}

/** The first link in a message that starts with `prefix`. */
export function findLink(text: string, prefix: string): string {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${escaped}[^\\s"'<>]*`).exec(text);
  if (!match) throw new Error(`no link starting with ${prefix} in the message:\n${text.slice(0, 2000)}`);
  return match[0].replace(/&amp;/g, '&');
}
