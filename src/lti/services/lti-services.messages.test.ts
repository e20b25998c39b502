import { locales } from '../../i18n/define-messages.js';
import { ltiServiceMessageKey, ltiServiceMessages } from './lti-services.messages.js';
import { ltiServiceErrorCodes } from './service-errors.js';

describe('LTI service error messages', () => {
  it.each(ltiServiceErrorCodes.flatMap((code) => locales.map((locale) => [code, locale] as const)))('%s has a %s sentence', (code, locale) => {
    const text = ltiServiceMessages[locale][ltiServiceMessageKey(code)];
    expect(text).toMatch(/\S.{20,}\.$/);
  });
});
