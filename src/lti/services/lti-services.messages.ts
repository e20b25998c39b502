// What a person sees when an LTI Advantage service call fails (grade sync, roster import). The keys are
// `ltiService.<error code>`, so a page turns any LtiServiceError into a sentence with t(ltiServiceMessageKey(err.code)).
import { defineMessages } from '../../i18n/define-messages.js';
import type { LtiServiceErrorCode } from './service-errors.js';

export const ltiServiceMessages = defineMessages({
  en: {
    'ltiService.lti_token_unreachable': 'The learning environment could not be reached to authorise Luento. Try again later.',
    'ltiService.lti_token_timeout': 'The learning environment did not answer in time when Luento asked for access. Try again later.',
    'ltiService.lti_token_rejected': 'The learning environment refused Luento access to its services. Ask its administrator to check the Luento tool registration.',
    'ltiService.lti_token_invalid_response': 'The learning environment gave an unexpected answer when Luento asked for access.',
    'ltiService.lti_signing_key_unavailable': 'Luento could not sign its request to the learning environment. Contact Luento support.',
    'ltiService.lti_service_unreachable': 'The learning environment could not be reached. Try again later.',
    'ltiService.lti_service_timeout': 'The learning environment did not answer in time. Try again later.',
    'ltiService.lti_service_rejected': 'The learning environment refused the request. Ask its administrator to check the Luento tool settings.',
    'ltiService.lti_service_invalid_response': 'The learning environment gave an answer that Luento does not understand.',
    'ltiService.lti_scope_not_granted': 'The learning environment has not allowed Luento to use this service. Ask its administrator to enable it for the Luento tool.',
  },
  fi: {
    'ltiService.lti_token_unreachable': 'Oppimisympäristöön ei saatu yhteyttä Luennon valtuuttamiseksi. Yritä myöhemmin uudelleen.',
    'ltiService.lti_token_timeout': 'Oppimisympäristö ei vastannut ajoissa, kun Luento pyysi käyttöoikeutta. Yritä myöhemmin uudelleen.',
    'ltiService.lti_token_rejected': 'Oppimisympäristö ei antanut Luennolle pääsyä palveluihinsa. Pyydä sen ylläpitäjää tarkistamaan Luento-työkalun rekisteröinti.',
    'ltiService.lti_token_invalid_response': 'Oppimisympäristö vastasi odottamattomasti, kun Luento pyysi käyttöoikeutta.',
    'ltiService.lti_signing_key_unavailable': 'Luento ei voinut allekirjoittaa pyyntöään oppimisympäristölle. Ota yhteyttä Luennon tukeen.',
    'ltiService.lti_service_unreachable': 'Oppimisympäristöön ei saatu yhteyttä. Yritä myöhemmin uudelleen.',
    'ltiService.lti_service_timeout': 'Oppimisympäristö ei vastannut ajoissa. Yritä myöhemmin uudelleen.',
    'ltiService.lti_service_rejected': 'Oppimisympäristö hylkäsi pyynnön. Pyydä sen ylläpitäjää tarkistamaan Luento-työkalun asetukset.',
    'ltiService.lti_service_invalid_response': 'Oppimisympäristö antoi vastauksen, jota Luento ei ymmärrä.',
    'ltiService.lti_scope_not_granted': 'Oppimisympäristö ei ole sallinut Luennon käyttää tätä palvelua. Pyydä sen ylläpitäjää ottamaan se käyttöön Luento-työkalulle.',
  },
  sv: {
    'ltiService.lti_token_unreachable': 'Lärmiljön kunde inte nås för att auktorisera Luento. Försök igen senare.',
    'ltiService.lti_token_timeout': 'Lärmiljön svarade inte i tid när Luento bad om åtkomst. Försök igen senare.',
    'ltiService.lti_token_rejected': 'Lärmiljön nekade Luento åtkomst till sina tjänster. Be dess administratör kontrollera registreringen av verktyget Luento.',
    'ltiService.lti_token_invalid_response': 'Lärmiljön gav ett oväntat svar när Luento bad om åtkomst.',
    'ltiService.lti_signing_key_unavailable': 'Luento kunde inte signera sin begäran till lärmiljön. Kontakta Luentos support.',
    'ltiService.lti_service_unreachable': 'Lärmiljön kunde inte nås. Försök igen senare.',
    'ltiService.lti_service_timeout': 'Lärmiljön svarade inte i tid. Försök igen senare.',
    'ltiService.lti_service_rejected': 'Lärmiljön avvisade begäran. Be dess administratör kontrollera inställningarna för verktyget Luento.',
    'ltiService.lti_service_invalid_response': 'Lärmiljön gav ett svar som Luento inte förstår.',
    'ltiService.lti_scope_not_granted': 'Lärmiljön har inte tillåtit Luento att använda den här tjänsten. Be dess administratör aktivera den för verktyget Luento.',
  },
});

export type LtiServiceMessageKey = keyof (typeof ltiServiceMessages)['en'];

export function ltiServiceMessageKey(code: LtiServiceErrorCode): LtiServiceMessageKey {
  return `ltiService.${code}`;
}
