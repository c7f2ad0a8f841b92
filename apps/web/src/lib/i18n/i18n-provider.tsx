'use client';

import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { installZodMessages } from '@/lib/forms/zod-messages';
import { createFormatters, type Formatters } from './format';
import {
  defaultLocale,
  loadMessages,
  translate,
  type MessageKey,
  type MessageValues,
  type Messages,
} from './messages';

export type Translate = (key: MessageKey, values?: MessageValues) => string;

type I18nContextValue = { locale: string; t: Translate; format: Formatters };

const fallback: I18nContextValue = {
  locale: defaultLocale,
  t: (key, values) => translate(null, key, values),
  format: createFormatters(defaultLocale, undefined),
};

const I18nContext = createContext<I18nContextValue>(fallback);

type I18nProviderProps = {
  /** The signed-in user's locale; the browser's language before sign-in. */
  locale?: string | null;
  /** The tenant's IANA time zone; the browser's zone when there is no tenant. */
  timeZone?: string | null;
  children: ReactNode;
};

export function I18nProvider({ locale, timeZone, children }: I18nProviderProps) {
  const [browserLocale, setBrowserLocale] = useState<string | null>(null);
  const [loaded, setLoaded] = useState<{ locale: string; messages: Partial<Messages> | null } | null>(null);

  // navigator is not available during server rendering; read it once mounted.
  useEffect(() => {
    setBrowserLocale(navigator.language);
  }, []);

  const effectiveLocale = supportedLocale(locale ?? browserLocale ?? defaultLocale);

  useEffect(() => {
    let cancelled = false;
    void loadMessages(effectiveLocale).then((messages) => {
      if (!cancelled) setLoaded({ locale: effectiveLocale, messages });
    });
    return () => {
      cancelled = true;
    };
  }, [effectiveLocale]);

  // Screen readers pick their voice from <html lang>.
  useEffect(() => {
    document.documentElement.lang = effectiveLocale;
  }, [effectiveLocale]);

  const value = useMemo<I18nContextValue>(() => {
    const messages = loaded?.locale === effectiveLocale ? loaded.messages : null;
    return {
      locale: effectiveLocale,
      t: (key, values) => translate(messages, key, values),
      format: createFormatters(effectiveLocale, timeZone ?? undefined),
    };
  }, [effectiveLocale, loaded, timeZone]);

  // Set during render (not in an effect) so the first validation already speaks the language.
  installZodMessages(value.t);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

function supportedLocale(candidate: string): string {
  try {
    return Intl.getCanonicalLocales(candidate)[0] ?? defaultLocale;
  } catch {
    return defaultLocale;
  }
}

/** `const t = useT(); t('users.title')`. */
export function useT(): Translate {
  return useContext(I18nContext).t;
}

export function useFormat(): Formatters {
  return useContext(I18nContext).format;
}

export function useLocale(): string {
  return useContext(I18nContext).locale;
}
