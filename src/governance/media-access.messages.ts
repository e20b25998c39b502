// Strings of media requests refused by the media block list (src/governance/media-block-list.ts).
import { defineMessages } from '../i18n/define-messages.js';

export const mediaAccessMessages = defineMessages({
  en: {
    'media.refused.trashed': 'This video was moved to the trash and cannot be played. Its owner or an administrator can restore it.',
    'media.refused.purged': 'This video has been deleted and cannot be played.',
    'media.refused.viewerDisabled': 'This account has been disabled by an administrator, so it cannot play videos.',
  },
  fi: {
    'media.refused.trashed': 'Tämä video on siirretty roskakoriin, eikä sitä voi toistaa. Sen omistaja tai ylläpitäjä voi palauttaa sen.',
    'media.refused.purged': 'Tämä video on poistettu, eikä sitä voi toistaa.',
    'media.refused.viewerDisabled': 'Ylläpitäjä on poistanut tämän käyttäjätilin käytöstä, joten sillä ei voi toistaa videoita.',
  },
  sv: {
    'media.refused.trashed': 'Den här videon har flyttats till papperskorgen och kan inte spelas upp. Dess ägare eller en administratör kan återställa den.',
    'media.refused.purged': 'Den här videon har raderats och kan inte spelas upp.',
    'media.refused.viewerDisabled': 'En administratör har inaktiverat det här kontot, så det kan inte spela upp videor.',
  },
});
