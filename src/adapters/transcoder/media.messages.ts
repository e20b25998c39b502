import { defineMessages } from '../../i18n/define-messages.js';

// What people see when a media file is refused or processing fails. Keys follow the errors' stable codes.
export const mediaMessages = defineMessages({
  en: {
    'media.ffmpeg_not_found': 'Video processing is not available: the ffmpeg program was not found on the server. An administrator must install it or set FFMPEG_PATH.',
    'media.not_media': 'This file is not an audio or video file. Upload a video (such as MP4 or WebM) or an audio recording.',
    'media.no_usable_stream': 'This file has no video or audio that can be played.',
    'media.truncated': 'This file is incomplete or damaged, perhaps because the upload or the recording was cut off. Upload the complete file again.',
    'media.zero_duration': 'This recording is empty: it has no length.',
    'media.transcode_failed': 'Processing the video failed. You can try again; if it fails again, contact support.',
    'media.transcode_cancelled': 'Processing the video was stopped before it finished.',
  },
  fi: {
    'media.ffmpeg_not_found': 'Videoiden käsittely ei ole käytettävissä: palvelimelta ei löytynyt ffmpeg-ohjelmaa. Ylläpitäjän on asennettava se tai asetettava FFMPEG_PATH.',
    'media.not_media': 'Tämä tiedosto ei ole ääni- tai videotiedosto. Lataa video (esimerkiksi MP4 tai WebM) tai äänitallenne.',
    'media.no_usable_stream': 'Tiedostossa ei ole toistettavaa videota eikä ääntä.',
    'media.truncated': 'Tiedosto on keskeneräinen tai vioittunut, ehkä siksi, että lataus tai tallennus katkesi. Lataa koko tiedosto uudelleen.',
    'media.zero_duration': 'Tallenne on tyhjä: sillä ei ole kestoa.',
    'media.transcode_failed': 'Videon käsittely epäonnistui. Voit yrittää uudelleen; jos se epäonnistuu taas, ota yhteyttä tukeen.',
    'media.transcode_cancelled': 'Videon käsittely keskeytettiin ennen kuin se valmistui.',
  },
  sv: {
    'media.ffmpeg_not_found': 'Videobehandling är inte tillgänglig: programmet ffmpeg hittades inte på servern. En administratör måste installera det eller ange FFMPEG_PATH.',
    'media.not_media': 'Filen är inte en ljud- eller videofil. Ladda upp en video (till exempel MP4 eller WebM) eller en ljudinspelning.',
    'media.no_usable_stream': 'Filen innehåller ingen video eller ljud som kan spelas upp.',
    'media.truncated': 'Filen är ofullständig eller skadad, kanske för att uppladdningen eller inspelningen avbröts. Ladda upp hela filen igen.',
    'media.zero_duration': 'Inspelningen är tom: den har ingen längd.',
    'media.transcode_failed': 'Behandlingen av videon misslyckades. Du kan försöka igen; kontakta supporten om det misslyckas igen.',
    'media.transcode_cancelled': 'Behandlingen av videon avbröts innan den var klar.',
  },
});

export type MediaMessageKey = keyof typeof mediaMessages.en;
