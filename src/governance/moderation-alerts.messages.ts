// Strings of the mail that tells site admins about new reports (moderation-alerts.ts).
import { defineMessages } from '../i18n/define-messages.js';

export const moderationAlertMessages = defineMessages({
  en: {
    'moderation.alert.subject': 'New reports to review on Luento: {count}',
    'moderation.alert.body':
      'Hello,\n\nThese videos were reported since the last message:\n\n{list}\n\nReview the reports in the moderation queue: {url}\n\nYou get at most one message like this every {minutes} minutes; reports that arrive meanwhile come in the next one.\n\nLuento',
    'moderation.alert.line': '- “{title}”: {category}',
    'moderation.alert.more': '- and {count} more',
  },
  fi: {
    'moderation.alert.subject': 'Uusia ilmoituksia käsiteltäväksi Luennossa: {count}',
    'moderation.alert.body':
      'Hei,\n\nNäistä videoista on tehty ilmoitus edellisen viestin jälkeen:\n\n{list}\n\nKäsittele ilmoitukset moderointijonossa: {url}\n\nSaat tällaisen viestin enintään kerran {minutes} minuutissa; sillä välin tulevat ilmoitukset kerrotaan seuraavassa viestissä.\n\nLuento',
    'moderation.alert.line': '- ”{title}”: {category}',
    'moderation.alert.more': '- ja {count} muuta',
  },
  sv: {
    'moderation.alert.subject': 'Nya anmälningar att granska i Luento: {count}',
    'moderation.alert.body':
      'Hej,\n\nDe här videorna har anmälts sedan förra meddelandet:\n\n{list}\n\nGranska anmälningarna i modereringskön: {url}\n\nDu får högst ett sådant meddelande var {minutes}:e minut; anmälningar som kommer in under tiden tas med i nästa.\n\nLuento',
    'moderation.alert.line': '- ”{title}”: {category}',
    'moderation.alert.more': '- och {count} till',
  },
});
