import { defineMessages } from '../../i18n/define-messages.js';

export const storageMessages = defineMessages({
  en: {
    'storage.key_invalid': 'The file name is not allowed.',
    'storage.not_found': 'This file does not exist.',
    'storage.range_not_satisfiable': 'The requested part of the file is outside the file.',
  },
  fi: {
    'storage.key_invalid': 'Tiedoston nimi ei ole sallittu.',
    'storage.not_found': 'Tätä tiedostoa ei ole.',
    'storage.range_not_satisfiable': 'Pyydetty tiedoston osa on tiedoston ulkopuolella.',
  },
  sv: {
    'storage.key_invalid': 'Filnamnet är inte tillåtet.',
    'storage.not_found': 'Den här filen finns inte.',
    'storage.range_not_satisfiable': 'Den begärda delen av filen ligger utanför filen.',
  },
});

export type StorageMessageKey = keyof typeof storageMessages.en;
