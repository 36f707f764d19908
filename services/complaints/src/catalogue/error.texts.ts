/**
 * Error messages of the public complaint mutations, for the person filing: plain words in every form
 * language, one per form field (the field the form highlights), whatever rule of that field was broken.
 */
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../../shared/src';
import type { FormLanguage, Texts } from './catalogue.texts';

export const ERROR_TEXTS: Record<string, Texts> = {
  'input.companyId': {
    en: 'Choose the company from the list: only companies that are or were members or affiliates of the Association can be complained about.',
    fr: 'Choisissez l\'entreprise dans la liste : seules les entreprises qui sont ou ont été membres ou affiliées de l\'Association peuvent faire l\'objet d\'une plainte.',
    es: 'Elija la empresa de la lista: solo se pueden presentar quejas contra empresas que son o fueron miembros o afiliadas de la Asociación.',
    ar: 'اختر الشركة من القائمة: لا يمكن تقديم شكوى إلا ضد الشركات الأعضاء أو المنتسبة إلى الرابطة حاليًا أو سابقًا.',
  },
  'input.incidentDate': {
    en: 'Check the date of the incident: it cannot be in the future, nor before 9 November 2010, when the Code was adopted.',
    fr: 'Vérifiez la date de l\'incident : elle ne peut pas être dans le futur, ni avant le 9 novembre 2010, date d\'adoption du Code.',
    es: 'Revise la fecha del incidente: no puede ser futura ni anterior al 9 de noviembre de 2010, cuando se adoptó el Código.',
    ar: 'تحقق من تاريخ الحادث: لا يمكن أن يكون في المستقبل، ولا قبل 9 نوفمبر 2010، تاريخ اعتماد المدونة.',
  },
  'input.incidentCountry': {
    en: 'Choose the country where it happened from the list.',
    fr: 'Choisissez dans la liste le pays où cela s\'est passé.',
    es: 'Elija de la lista el país donde ocurrió.',
    ar: 'اختر من القائمة البلد الذي وقع فيه الحادث.',
  },
  'input.incidentRegion': {
    en: 'Choose the region where it happened from the list, or leave it empty: it must be in the country you chose.',
    fr: 'Choisissez dans la liste la région où cela s\'est passé, ou laissez vide : elle doit être dans le pays choisi.',
    es: 'Elija de la lista la región donde ocurrió, o déjela vacía: debe estar en el país que eligió.',
    ar: 'اختر من القائمة المنطقة التي وقع فيها الحادث، أو اتركها فارغة: يجب أن تكون في البلد الذي اخترته.',
  },
  'input.allegations': {
    en: 'Choose at least one part of the Code (up to 25, each once). If you are not sure, choose "General conduct".',
    fr: 'Choisissez au moins une partie du Code (25 au plus, chacune une seule fois). En cas de doute, choisissez « Conduite générale ».',
    es: 'Elija al menos una parte del Código (hasta 25, cada una una sola vez). Si no está seguro, elija «Conducta general».',
    ar: 'اختر جزءًا واحدًا على الأقل من المدونة (حتى 25، كل منها مرة واحدة). إذا لم تكن متأكدًا، اختر «السلوك العام».',
  },
  'input.description': {
    en: 'Please tell us what happened, in your own words (up to 20,000 characters).',
    fr: 'Veuillez raconter ce qui s\'est passé, avec vos propres mots (20 000 caractères au plus).',
    es: 'Cuéntenos lo que ocurrió, con sus propias palabras (hasta 20 000 caracteres).',
    ar: 'يرجى أن تخبرنا بما حدث بكلماتك الخاصة (حتى 20000 حرف).',
  },
  'input.language': {
    en: 'Choose the language you wrote in from the list.',
    fr: 'Choisissez dans la liste la langue dans laquelle vous avez écrit.',
    es: 'Elija de la lista el idioma en el que escribió.',
    ar: 'اختر من القائمة اللغة التي كتبت بها.',
  },
  'input.complainantName': {
    en: 'Give your name, or choose to file without giving it (anonymously). A name is letters, up to 200 characters.',
    fr: 'Indiquez votre nom, ou choisissez de déposer la plainte sans le donner (anonymement). Un nom est fait de lettres, 200 caractères au plus.',
    es: 'Indique su nombre, o elija presentar la queja sin darlo (de forma anónima). Un nombre se compone de letras, hasta 200 caracteres.',
    ar: 'اذكر اسمك، أو اختر تقديم الشكوى دون ذكره (دون الكشف عن هويتك). يتكون الاسم من حروف، حتى 200 حرف.',
  },
  'input.complainantContact': {
    en: 'The way to reach you is too long: keep it under 500 characters.',
    fr: 'Le moyen de vous joindre est trop long : 500 caractères au plus.',
    es: 'La forma de contactarle es demasiado larga: no más de 500 caracteres.',
    ar: 'وسيلة الاتصال بك طويلة جدًا: يجب ألا تتجاوز 500 حرف.',
  },
  'input.representative': {
    en: 'When you file for someone else, give your own name as their representative.',
    fr: 'Si vous déposez la plainte pour quelqu\'un d\'autre, indiquez votre propre nom en tant que représentant.',
    es: 'Si presenta la queja en nombre de otra persona, indique su propio nombre como representante.',
    ar: 'عندما تقدم الشكوى نيابة عن شخص آخر، اذكر اسمك بصفتك ممثلًا عنه.',
  },
  'input.representative.name': {
    en: 'Give the representative\'s name: letters, up to 200 characters.',
    fr: 'Indiquez le nom du représentant : des lettres, 200 caractères au plus.',
    es: 'Indique el nombre del representante: letras, hasta 200 caracteres.',
    ar: 'اذكر اسم الممثل: حروف، حتى 200 حرف.',
  },
  'input.representative.organization': {
    en: 'Give the name of the representative\'s organization: letters, up to 200 characters.',
    fr: 'Indiquez le nom de l\'organisation du représentant : des lettres, 200 caractères au plus.',
    es: 'Indique el nombre de la organización del representante: letras, hasta 200 caracteres.',
    ar: 'اذكر اسم منظمة الممثل: حروف، حتى 200 حرف.',
  },
  'input.representative.contact': {
    en: 'The way to reach the representative is too long: keep it under 500 characters.',
    fr: 'Le moyen de joindre le représentant est trop long : 500 caractères au plus.',
    es: 'La forma de contactar al representante es demasiado larga: no más de 500 caracteres.',
    ar: 'وسيلة الاتصال بالممثل طويلة جدًا: يجب ألا تتجاوز 500 حرف.',
  },
  'input.noticeEmail': {
    en: 'Check the e-mail address for notices (for example name@example.org), or leave it empty if you want no e-mail.',
    fr: 'Vérifiez l\'adresse e-mail pour les avis (par exemple nom@exemple.org), ou laissez-la vide si vous ne voulez pas d\'e-mail.',
    es: 'Revise la dirección de correo para los avisos (por ejemplo nombre@ejemplo.org), o déjela vacía si no quiere correos.',
    ar: 'تحقق من عنوان البريد الإلكتروني للإشعارات (مثل name@example.org)، أو اتركه فارغًا إن كنت لا تريد أي رسالة.',
  },
  noticeEmail: {
    en: 'Check the e-mail address for notices (for example name@example.org). An address is needed to be told when a reply is waiting.',
    fr: 'Vérifiez l\'adresse e-mail pour les avis (par exemple nom@exemple.org). Une adresse est nécessaire pour être prévenu d\'une réponse.',
    es: 'Revise la dirección de correo para los avisos (por ejemplo nombre@ejemplo.org). Se necesita una dirección para avisarle de una respuesta.',
    ar: 'تحقق من عنوان البريد الإلكتروني للإشعارات (مثل name@example.org). يلزم عنوان لإعلامك عندما يكون هناك رد بانتظارك.',
  },
  'input.idempotencyKey': {
    en: 'This complaint was already sent. Use the receipt code you were given then; if it is lost, file again without the same key.',
    fr: 'Cette plainte a déjà été envoyée. Utilisez le code de suivi reçu alors ; s\'il est perdu, déposez-la à nouveau sans la même clé.',
    es: 'Esta queja ya se envió. Use el código de recibo que recibió entonces; si lo perdió, preséntela de nuevo sin la misma clave.',
    ar: 'سبق إرسال هذه الشكوى. استخدم رمز الإيصال الذي حصلت عليه حينها؛ وإن فقدته، فقدم الشكوى مجددًا دون المفتاح نفسه.',
  },
  receiptCode: {
    en: 'We found no open complaint with this receipt code. Check the code as it was given to you when you filed.',
    fr: 'Aucune plainte en cours ne correspond à ce code de suivi. Vérifiez le code tel qu\'il vous a été donné lors du dépôt.',
    es: 'No encontramos ninguna queja abierta con este código de recibo. Revise el código tal como se le dio al presentar la queja.',
    ar: 'لم نجد شكوى مفتوحة بهذا الرمز. تحقق من الرمز كما أُعطي لك عند تقديم الشكوى.',
  },
  body: {
    en: 'Please write your message (up to 10,000 characters).',
    fr: 'Veuillez écrire votre message (10 000 caractères au plus).',
    es: 'Escriba su mensaje (hasta 10 000 caracteres).',
    ar: 'يرجى كتابة رسالتك (حتى 10000 حرف).',
  },
};

/**
 * The same error worded for the person filing, in `language`, with the field to highlight: coded
 * errors the form can act on (BAD_USER_INPUT, NOT_FOUND, CONFLICT) of a field with a message here.
 * Anything else (an internal error) passes unchanged.
 */
export function forThePersonFiling(error: unknown, language: FormLanguage, fallbackField?: string): unknown {
  if (!(error instanceof GraphQLError)) return error;
  const code = error.extensions.code;
  if (code !== ErrorCode.BadUserInput && code !== ErrorCode.NotFound && code !== ErrorCode.Conflict) return error;
  const field = typeof error.extensions.field === 'string' ? error.extensions.field : fallbackField;
  const texts = field ? ERROR_TEXTS[field] : undefined;
  if (!field || !texts) return error;
  return new GraphQLError(texts[language], { extensions: { code, field } });
}
