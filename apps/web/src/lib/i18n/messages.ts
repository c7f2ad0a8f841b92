import en from '@/messages/en.json';

export type Messages = typeof en;

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Every key in en.json; a typo in `t('…')` is a type error. */
export type MessageKey = Leaves<Messages>;
export type MessageValues = Record<string, string | number>;

export const defaultLocale = 'en';
export const englishMessages: Messages = en;

/**
 * Loads `src/messages/<language>.json` when it exists. English is bundled and is the fallback for
 * any key a translation lacks, so adding a language is adding one file.
 */
export async function loadMessages(locale: string): Promise<Partial<Messages> | null> {
  const language = locale.toLowerCase().split('-')[0] ?? defaultLocale;
  if (language === defaultLocale || !/^[a-z]{2,3}$/.test(language)) return null;
  try {
    const mod = (await import(`../../messages/${language}.json`)) as { default: Partial<Messages> };
    return mod.default;
  } catch {
    return null;
  }
}

function lookup(tree: unknown, key: string): string | undefined {
  let node: unknown = tree;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** `{name}` placeholders are replaced by values; unknown placeholders stay visible on purpose. */
export function translate(
  messages: Partial<Messages> | null,
  key: MessageKey,
  values?: MessageValues,
): string {
  const template = lookup(messages, key) ?? lookup(englishMessages, key) ?? key;
  if (!values) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in values ? String(values[name]) : match,
  );
}
