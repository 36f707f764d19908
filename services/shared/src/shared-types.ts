import { registerEnumType } from 'type-graphql';

/*
 * The GraphQL vocabulary more than one subgraph declares. Federation composes each copy into one type,
 * and where the copies' descriptions differ it keeps one of them (not necessarily the owner's) and
 * hints INCONSISTENT_DESCRIPTION. So the enums every subgraph reads are declared once, here, and the
 * types each subgraph declares with its own fields take their description from here: Sandbox shows
 * the owner's words whichever copy composition keeps (test/schema.test.ts fails on a new hint).
 */

/**
 * The three pillars of the Association's multi-stakeholder membership, and OBSERVER for those the
 * Association admits beside them (owned by the membership subgraph). OBSERVER is a value of this enum
 * rather than a null pillar so that `pillar` stays non-null for the queries written before it.
 */
export enum Pillar {
  PRIVATE_SECURITY_COMPANY = 'PRIVATE_SECURITY_COMPANY',
  GOVERNMENT = 'GOVERNMENT',
  CIVIL_SOCIETY = 'CIVIL_SOCIETY',
  OBSERVER = 'OBSERVER',
}
registerEnumType(Pillar, {
  name: 'Pillar',
  description:
    'The three pillars of the Association\'s membership, and `OBSERVER` for the persons and entities admitted ' +
    'as observers in addition to them.',
  valuesConfig: {
    PRIVATE_SECURITY_COMPANY: { description: 'A private security company (PSC) providing security services.' },
    GOVERNMENT: { description: 'A State or an intergovernmental organization.' },
    CIVIL_SOCIETY: { description: 'A civil society organization (CSO), e.g. a human-rights NGO.' },
    OBSERVER: {
      description:
        'Not one of the three pillars: a person or entity admitted as a non-voting observer in addition to them ' +
        '(an academic, a certification body, ...; see `observerKind`). Never a private security company.',
    },
  },
});

/** What kind of observer a person or entity of the `OBSERVER` pillar is (owned by the membership subgraph). */
export enum ObserverKind {
  ACADEMIC = 'ACADEMIC',
  CERTIFICATION_BODY = 'CERTIFICATION_BODY',
  OTHER_INDUSTRY = 'OTHER_INDUSTRY',
  GOVERNMENT = 'GOVERNMENT',
  CIVIL_SOCIETY = 'CIVIL_SOCIETY',
  OTHER = 'OTHER',
}
registerEnumType(ObserverKind, {
  name: 'ObserverKind',
  description: 'What kind of person or entity an observer is.',
  valuesConfig: {
    ACADEMIC: { description: 'An academic, a university or a research institute.' },
    CERTIFICATION_BODY: { description: 'A certification body (e.g. one that certifies companies to ISO 18788 or PSC.1).' },
    OTHER_INDUSTRY: {
      description:
        'A company of another security-related industry; never one providing security services as defined in Part B of the Code.',
    },
    GOVERNMENT: { description: 'A State or an intergovernmental organization observing rather than a member of its pillar.' },
    CIVIL_SOCIETY: { description: 'A civil society organization observing rather than a member of its pillar.' },
    OTHER: { description: 'Any other person or entity interested in the work of the Association.' },
  },
});

/** Where an organization stands with the Association (owned by the membership subgraph). */
export enum MembershipStatus {
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  TERMINATED = 'TERMINATED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(MembershipStatus, {
  name: 'MembershipStatus',
  description: 'Where an organization stands with the Association, as decided by its Board or Secretariat.',
  valuesConfig: {
    ACTIVE: { description: 'Admitted and taking part: a member, affiliate or observer in its own category.' },
    SUSPENDED: {
      description: 'Rights of membership suspended (e.g. after a pattern of non-compliance); may be reinstated.',
    },
    TERMINATED: { description: 'Membership ended by the Association (e.g. no self-assessment, non-payment).' },
    WITHDRAWN: { description: 'The organization left the Association of its own accord.' },
  },
});

/** The kind of participation; what it allows depends on the pillar (owned by the membership subgraph). */
export enum MembershipCategory {
  MEMBER = 'MEMBER',
  AFFILIATE = 'AFFILIATE',
  OBSERVER = 'OBSERVER',
}
registerEnumType(MembershipCategory, {
  name: 'MembershipCategory',
  description: 'The kind of participation in the Association.',
  valuesConfig: {
    MEMBER: {
      description:
        'A voting member. A private security company joins as a member and must become ICoCA-certified by its ' +
        'certification deadline; until then it is what the Association calls a transitional member.',
    },
    AFFILIATE: {
      description:
        'Companies only: a company that missed its certification deadline but completed the latest self-assessment. ' +
        'No deadline; still monitored and subject to complaints.',
    },
    OBSERVER: {
      description:
        'A non-voting participant admitted at the Board\'s discretion, in addition to the three pillars: the only ' +
        'category of the `OBSERVER` pillar, and only of it. Never a company providing security services.',
    },
  },
});

/** The text of the Code a citation refers to: the 2010 Code, or the Code as amended in 2021 (findings, complaints). */
export enum CodeVersion {
  CODE_2010 = 'CODE_2010',
  CODE_2021 = 'CODE_2021',
}
registerEnumType(CodeVersion, {
  name: 'CodeVersion',
  description: 'Which text of the International Code of Conduct a citation (a provision or a paragraph number) refers to.',
  valuesConfig: {
    CODE_2010: { description: 'The International Code of Conduct for Private Security Service Providers, signed on 9 November 2010.' },
    CODE_2021: {
      description:
        'The Code as amended by the General Assembly in December 2021. Its paragraph numbering is not confirmed from a ' +
        'published text here, so citations of it carry the provision and no paragraph numbers.',
    },
  },
});

/** Descriptions of the entity and value types that several subgraphs declare, each with the fields it adds. */
export const SHARED_DESCRIPTIONS = {
  /** Owned by the membership subgraph; certification and complaints extend it by `id`. */
  Organization:
    'An organization that is or was a member, affiliate or observer of the Association: a private security ' +
    'company, a State or intergovernmental organization, a civil society organization, or an observer (a person ' +
    'or entity admitted beside the three pillars).',
  /** Owned by the membership subgraph; certification reads entries through `@requires`. */
  MembershipStatusEntry: 'One dated change in an organization\'s membership: entries are never changed or removed.',
  /** Membership answers the membership part; certification adds standing, certificate and receipt. */
  VerificationResult:
    'An organization\'s membership and certification as of one date, as a partner needs them to decide on a ' +
    'contract. The certification subgraph adds the standing, the certificate and a signed receipt.',
  /** Owned by the complaints subgraph; membership and certification add their year's figures. */
  TransparencyReport:
    'The Association\'s public figures of one calendar year: complaints, monitoring, membership and certification. ' +
    'Aggregates only; public and cacheable once the year has ended (the current year, figures to date, is the ' +
    'Secretariat\'s until then).',
  /** Owned by the complaints subgraph; membership adds the companies that can be complained about. */
  ComplaintFormOptions:
    'What a complaint form needs to offer, in one language: the provisions of the Code, the kinds of complaint, the ' +
    'languages a description may be written in and the companies that can be complained about. Public and cacheable.',
} as const;

/** Field descriptions of `MembershipStatusEntry`, identical in the owner and in certification's `@requires` copy. */
export const MEMBERSHIP_STATUS_ENTRY_FIELDS = {
  status: 'The status from `effectiveFrom` on.',
  category: 'The category of membership from `effectiveFrom` on.',
  effectiveFrom: 'First day on which this status applied.',
} as const;

/**
 * The Association's four working languages, for names a field gives in the language asked (country names).
 * An argument rather than the `Accept-Language` header: the edge cache keys answers on the query, not on headers.
 */
export enum Language {
  EN = 'EN',
  FR = 'FR',
  ES = 'ES',
  AR = 'AR',
}
registerEnumType(Language, {
  name: 'Language',
  description: 'One of the Association\'s four working languages, for names given in the language asked (country names).',
  valuesConfig: {
    EN: { description: 'English.' },
    FR: { description: 'French.' },
    ES: { description: 'Spanish.' },
    AR: { description: 'Arabic (written right to left).' },
  },
});

/** The `language` argument of every field that names a country: the same words and default everywhere. */
export const LANGUAGE_ARGUMENT = {
  defaultValue: Language.EN,
  description: 'The language of the name: EN (default), FR, ES or AR.',
} as const;
