// View-models of the governance pages: dates in the reader's language, and a terms version rendered.
import type { Locale } from '../i18n/define-messages.js';
import { renderMarkdown } from './terms-markdown.js';
import type { TermsVersion } from './terms.repo.js';

export type UiLocale = Locale;

export const formatDay = (d: Date, locale: string): string => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(d);

/** One version in the reader's language, its Markdown rendered by the safe subset. */
export function termsView(terms: TermsVersion, locale: UiLocale) {
  return { version: terms.version, dateText: formatDay(terms.publishedAt, locale), html: renderMarkdown(terms.bodies[locale]) };
}
