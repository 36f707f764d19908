/**
 * The languages the complaint form's texts are written in, and how a caller's language is chosen.
 * The texts themselves (written for this project in plain language, not the Code's own wording) are in
 * `provision.texts.ts`, `kind.texts.ts` and `error.texts.ts`.
 */

/** The languages every label, explanation and error message of the complaint form exists in. */
export const FORM_LANGUAGES = ['en', 'fr', 'es', 'ar'] as const;
export type FormLanguage = (typeof FORM_LANGUAGES)[number];

/** Writing direction: Arabic is written right to left. */
export const DIRECTION: Record<FormLanguage, 'LTR' | 'RTL'> = { en: 'LTR', fr: 'LTR', es: 'LTR', ar: 'RTL' };

/** One text in every form language. */
export type Texts = Record<FormLanguage, string>;

/** A label and a one-sentence explanation, in every form language. */
export type LabelledTexts = Record<FormLanguage, readonly [label: string, explanation: string]>;

/** The form language of a BCP 47 tag (`fr-CH` → `fr`), or null when the form is not written in it. */
export function formLanguageOf(tag: string | null | undefined): FormLanguage | null {
  const primary = (tag ?? '').trim().split(/[-_]/)[0].toLowerCase();
  return (FORM_LANGUAGES as readonly string[]).includes(primary) ? (primary as FormLanguage) : null;
}

/**
 * The best form language of an `Accept-Language` header (`fr-CH, fr;q=0.9, en;q=0.8`), by quality then
 * order; null when it names none of them.
 */
export function formLanguageOfHeader(header: string | null | undefined): FormLanguage | null {
  if (!header) return null;
  const ranked = header
    .slice(0, 500)
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag, quality: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.quality > 0 && !Number.isNaN(entry.quality))
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { tag } of ranked) {
    const language = formLanguageOf(tag);
    if (language) return language;
  }
  return null;
}

/** The language errors are worded in: the filing's own language, else the caller's `Accept-Language`, else English. */
export function messageLanguage(filingLanguage: string | null | undefined, acceptLanguage: string | undefined): FormLanguage {
  return formLanguageOf(filingLanguage) ?? formLanguageOfHeader(acceptLanguage) ?? 'en';
}

/** The two sections of the Code that provisions fall into, named for the person filing. */
export const SECTION_TEXTS: Record<'CONDUCT_OF_PERSONNEL' | 'MANAGEMENT_AND_GOVERNANCE', LabelledTexts> = {
  CONDUCT_OF_PERSONNEL: {
    en: ['How guards and other staff behave', 'What the company\'s personnel do to the people around them (section F of the Code).'],
    fr: ['Comportement des agents et du personnel', 'Ce que le personnel de l\'entreprise fait aux personnes qui l\'entourent (section F du Code).'],
    es: ['Conducta de los guardias y del personal', 'Lo que el personal de la empresa hace a las personas de su entorno (sección F del Código).'],
    ar: ['سلوك الحراس والموظفين', 'ما يفعله موظفو الشركة بالأشخاص من حولهم (القسم F من المدونة).'],
  },
  MANAGEMENT_AND_GOVERNANCE: {
    en: ['How the company is run', 'How the company hires, trains, equips and treats its staff and answers complaints (section G of the Code).'],
    fr: ['Gestion de l\'entreprise', 'Comment l\'entreprise recrute, forme, équipe et traite son personnel et répond aux plaintes (section G du Code).'],
    es: ['Gestión de la empresa', 'Cómo la empresa contrata, forma, equipa y trata a su personal y responde a las quejas (sección G del Código).'],
    ar: ['إدارة الشركة', 'كيف توظف الشركة موظفيها وتدربهم وتجهزهم وتعاملهم وكيف ترد على الشكاوى (القسم G من المدونة).'],
  },
};

/**
 * Languages a complaint's description and messages may be written in, suggested to the form: those of
 * the regions where member companies work most. Any other BCP 47 tag is accepted too.
 */
export const DESCRIPTION_LANGUAGES: { tag: string; name: string; englishName: string; direction: 'LTR' | 'RTL' }[] = [
  { tag: 'en', name: 'English', englishName: 'English', direction: 'LTR' },
  { tag: 'fr', name: 'Français', englishName: 'French', direction: 'LTR' },
  { tag: 'es', name: 'Español', englishName: 'Spanish', direction: 'LTR' },
  { tag: 'ar', name: 'العربية', englishName: 'Arabic', direction: 'RTL' },
  { tag: 'pt', name: 'Português', englishName: 'Portuguese', direction: 'LTR' },
  { tag: 'sw', name: 'Kiswahili', englishName: 'Swahili', direction: 'LTR' },
  { tag: 'so', name: 'Soomaali', englishName: 'Somali', direction: 'LTR' },
  { tag: 'ha', name: 'Hausa', englishName: 'Hausa', direction: 'LTR' },
  { tag: 'am', name: 'አማርኛ', englishName: 'Amharic', direction: 'LTR' },
  { tag: 'fa', name: 'فارسی', englishName: 'Persian', direction: 'RTL' },
  { tag: 'ps', name: 'پښتو', englishName: 'Pashto', direction: 'RTL' },
  { tag: 'ur', name: 'اردو', englishName: 'Urdu', direction: 'RTL' },
  { tag: 'ru', name: 'Русский', englishName: 'Russian', direction: 'LTR' },
  { tag: 'uk', name: 'Українська', englishName: 'Ukrainian', direction: 'LTR' },
  { tag: 'zh', name: '中文', englishName: 'Chinese', direction: 'LTR' },
];
