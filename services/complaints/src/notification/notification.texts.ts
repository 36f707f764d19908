import { formLanguageOf, type FormLanguage } from '../catalogue/catalogue.texts';
import { NoticeKind } from './notification.enums';

/*
 * The words of each notice. A notice says THAT something happened and where to read it, never WHAT: no
 * description, no message, no name or contact, no company. The Secretariat's notices are in English (the
 * Secretariat's working language); the complainant's in the language of their complaint when the form is
 * written in it (English otherwise). Lines stay short so that the mail travels as plain 7-bit text where
 * the language allows.
 */

/** A notice as mailed: subject and plain-text body. */
export interface NoticeMail {
  subject: string;
  text: string;
}

/** A notice to the Secretariat's inbox: the reference number and the link to the case screen. */
export function secretariatMail(kind: NoticeKind.NEW_COMPLAINT | NoticeKind.COMPLAINANT_MESSAGE, reference: string, link: string): NoticeMail {
  const lines =
    kind === NoticeKind.NEW_COMPLAINT
      ? [`A new complaint was filed: ${reference}.`, '', 'Open it in the case screen:', link]
      : [`The complainant wrote a new message on complaint ${reference}.`, '', 'Read it in the case screen:', link];
  return {
    subject: kind === NoticeKind.NEW_COMPLAINT ? `New complaint ${reference}` : `New message on complaint ${reference}`,
    text: [...lines, '', 'For the complainant\'s safety, this e-mail carries the reference number only.', ''].join('\n'),
  };
}

const REPLY_WAITING: Record<FormLanguage, { subject: string; lines: (reference: string, url: string) => string[] }> = {
  en: {
    subject: 'A reply is waiting for you',
    lines: (reference, url) => [
      'The Secretariat has written to you about complaint',
      `${reference}.`,
      '',
      'To read the reply, open',
      url,
      'and enter the receipt code you were given when you filed.',
      '',
      'This e-mail does not contain the reply. Your receipt code',
      'is never sent by e-mail.',
      '',
      'You asked to be told when a reply is waiting. To stop these',
      'e-mails, use your receipt code at the same address.',
    ],
  },
  fr: {
    subject: 'Une réponse vous attend',
    lines: (reference, url) => [
      'Le Secrétariat vous a écrit au sujet de la plainte',
      `${reference}.`,
      '',
      'Pour lire la réponse, ouvrez',
      url,
      'et saisissez le code de suivi reçu lors du dépôt.',
      '',
      'Cet e-mail ne contient pas la réponse. Votre code de suivi',
      'n\'est jamais envoyé par e-mail.',
      '',
      'Vous avez demandé à être prévenu lorsqu\'une réponse vous attend.',
      'Pour ne plus recevoir ces e-mails, utilisez votre code de suivi',
      'à la même adresse.',
    ],
  },
  es: {
    subject: 'Tiene una respuesta esperándole',
    lines: (reference, url) => [
      'La Secretaría le ha escrito sobre la queja',
      `${reference}.`,
      '',
      'Para leer la respuesta, abra',
      url,
      'e introduzca el código de recibo que recibió al presentarla.',
      '',
      'Este correo no contiene la respuesta. Su código de recibo',
      'nunca se envía por correo electrónico.',
      '',
      'Usted pidió que se le avisara cuando hubiera una respuesta.',
      'Para dejar de recibir estos correos, use su código de recibo',
      'en la misma dirección.',
    ],
  },
  ar: {
    subject: 'يوجد رد بانتظارك',
    lines: (reference, url) => [
      'كتبت إليك الأمانة بشأن الشكوى',
      `${reference}.`,
      '',
      'لقراءة الرد، افتح',
      url,
      'وأدخل رمز الإيصال الذي حصلت عليه عند تقديم الشكوى.',
      '',
      'لا تتضمن هذه الرسالة الرد، ولا يُرسل رمز الإيصال',
      'بالبريد الإلكتروني أبدًا.',
      '',
      'لقد طلبت أن يتم إعلامك عندما يكون هناك رد بانتظارك.',
      'لإيقاف هذه الرسائل، استخدم رمز الإيصال على العنوان نفسه.',
    ],
  },
};

/**
 * The complainant's notice: a reply is waiting, and how to read it (the follow-up address and their receipt
 * code, which the mail never holds). The reference number, and nothing else of the complaint.
 */
export function replyWaitingMail(language: string, reference: string, followUpUrl: string): NoticeMail {
  const texts = REPLY_WAITING[formLanguageOf(language) ?? 'en'];
  return { subject: texts.subject, text: [...texts.lines(reference, followUpUrl), ''].join('\n') };
}
