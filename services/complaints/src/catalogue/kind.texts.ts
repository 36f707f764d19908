/** What each kind of complaint means for the person filing, in every form language (written for this project). */
import { ComplaintKind as K } from './catalogue.enums';
import type { LabelledTexts } from './catalogue.texts';

export const KIND_TEXTS: Record<K, LabelledTexts> = {
  [K.HARM_TO_COMPLAINANT]: {
    en: ['I was harmed', 'Choose this if you yourself were harmed by the company\'s staff or actions and want it put right.'],
    fr: ['J\'ai subi un préjudice', 'Choisissez ceci si vous avez vous-même subi un préjudice causé par le personnel ou les actes de l\'entreprise et voulez une réparation.'],
    es: ['Sufrí un daño', 'Elija esto si usted mismo sufrió un daño causado por el personal o las acciones de la empresa y quiere una reparación.'],
    ar: ['لقد تضررت', 'اختر هذا إذا تعرضت أنت شخصيًا لضرر بسبب موظفي الشركة أو أفعالها وتريد إنصافك.'],
  },
  [K.HARM_TO_REPRESENTED_PERSON]: {
    en: ['I represent someone who was harmed', 'Choose this if you file for another person or a group who was harmed; you give your name as their representative.'],
    fr: ['Je représente une personne lésée', 'Choisissez ceci si vous déposez la plainte pour une autre personne ou un groupe lésé ; vous donnez votre nom en tant que représentant.'],
    es: ['Represento a alguien que sufrió un daño', 'Elija esto si presenta la queja en nombre de otra persona o de un grupo que sufrió un daño; usted da su nombre como representante.'],
    ar: ['أمثل شخصًا تضرر', 'اختر هذا إذا كنت تقدم الشكوى نيابة عن شخص آخر أو مجموعة تضررت، وتذكر اسمك بصفتك ممثلًا عنهم.'],
  },
  [K.VIOLATION_REPORT]: {
    en: ['I want to report a breach of the Code', 'Choose this if you know of a breach of the Code and have evidence of it, even though you were not harmed yourself.'],
    fr: ['Je signale une violation du Code', 'Choisissez ceci si vous avez connaissance d\'une violation du Code et en avez des preuves, même si vous n\'en avez pas subi de préjudice.'],
    es: ['Quiero denunciar una infracción del Código', 'Elija esto si sabe de una infracción del Código y tiene pruebas, aunque usted no haya sufrido ningún daño.'],
    ar: ['أريد الإبلاغ عن انتهاك للمدونة', 'اختر هذا إذا كنت على علم بانتهاك للمدونة ولديك أدلة عليه، حتى لو لم تتضرر أنت شخصيًا.'],
  },
};
