export { I18nProvider, useT, useFormat, useLocale, type Translate } from './i18n-provider';
export { createFormatters, type Formatters } from './format';
export type { MessageKey, MessageValues } from './messages';
