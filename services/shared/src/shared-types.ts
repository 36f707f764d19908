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

/**
 * Standing: membership and certification combined (computed by the certification subgraph, `standingOn`;
 * the membership subgraph filters the directory by it from its copies of the certificates).
 */
export enum Standing {
  CERTIFIED_MEMBER = 'CERTIFIED_MEMBER',
  MEMBER_PENDING_CERTIFICATION = 'MEMBER_PENDING_CERTIFICATION',
  CERTIFICATION_OVERDUE = 'CERTIFICATION_OVERDUE',
  AFFILIATE = 'AFFILIATE',
  MEMBER = 'MEMBER',
  OBSERVER = 'OBSERVER',
  SUSPENDED = 'SUSPENDED',
  NOT_A_MEMBER = 'NOT_A_MEMBER',
}

/** What a procurement officer reads in Sandbox for each value. */
export const STANDING_DESCRIPTIONS: Record<Standing, string> = {
  CERTIFIED_MEMBER:
    'A company that is an ICoCA member in good standing and holds a valid ICoCA certification: its policies and ' +
    'systems were independently audited against the Code, and the Association monitors it.',
  MEMBER_PENDING_CERTIFICATION:
    'A company that is an ICoCA member in good standing but not yet certified, and still within the time the ' +
    'Association gives new members to become certified (its certification deadline).',
  CERTIFICATION_OVERDUE:
    'A company that is an ICoCA member but has not become certified by its deadline: a warning sign; ask the ' +
    'Association before relying on it.',
  AFFILIATE:
    'A company that is an ICoCA affiliate: not certified, but it completed the Association\'s self-assessment and ' +
    'remains monitored and subject to complaints. Not the same assurance as a certified member.',
  MEMBER:
    'A State, an intergovernmental organization or a civil society organization that is a member of the ' +
    'Association in good standing.',
  OBSERVER:
    'An observer in good standing: a person or entity admitted beside the three pillars (an academic, a ' +
    'certification body, a State or a civil society organization observing...) that takes part in the ' +
    'Association\'s work without voting rights. Observers provide no security services and are not certified.',
  SUSPENDED:
    'Membership is suspended by the Association (for example after a pattern of non-compliance): not in good ' +
    'standing on that date.',
  NOT_A_MEMBER:
    'Not a member on that date: not yet admitted, or its membership ended (terminated or withdrawn).',
};
registerEnumType(Standing, {
  name: 'Standing',
  description:
    'Is this organization an ICoCA member in good standing, and is it certified? Membership and certification ' +
    'combined into one answer for a given day.',
  valuesConfig: Object.fromEntries(
    Object.entries(STANDING_DESCRIPTIONS).map(([value, description]) => [value, { description }]),
  ) as Record<Standing, { description: string }>,
});

/* Owned by the certification subgraph; the membership subgraph's directory filters by them. */
/** The certification standards the Association recognizes for ICoCA certification. */
export enum CertificationStandard {
  PSC_1 = 'PSC_1',
  ISO_18788 = 'ISO_18788',
  ISO_28007_1 = 'ISO_28007_1',
}
registerEnumType(CertificationStandard, {
  name: 'CertificationStandard',
  description:
    'A management-system standard the Association recognizes for certification of private security companies. ' +
    'Others (ISO 9001, for instance) are not recognized.',
  valuesConfig: {
    PSC_1: { description: 'ANSI/ASIS PSC.1, management system for quality of private security company operations (land).' },
    ISO_18788: { description: 'ISO 18788, management system for private security operations (land).' },
    ISO_28007_1: {
      description: 'ISO 28007-1, guidelines for private maritime security companies providing armed guards on board ships.',
    },
  },
});

/** An organization's certification, all its certificates considered. */
export enum CertificationStatus {
  CERTIFIED = 'CERTIFIED',
  NOT_CERTIFIED = 'NOT_CERTIFIED',
  SUSPENDED = 'SUSPENDED',
  WITHDRAWN = 'WITHDRAWN',
  EXPIRED = 'EXPIRED',
}
registerEnumType(CertificationStatus, {
  name: 'CertificationStatus',
  description:
    'Whether an organization is ICoCA-certified, all its certificates considered (a certificate\'s own status is ' +
    '`CertificateStatus`).',
  valuesConfig: {
    CERTIFIED: { description: 'At least one certificate to a recognized standard is active.' },
    NOT_CERTIFIED: { description: 'No certificate has ever been recorded for the organization (or none was issued yet on that date).' },
    SUSPENDED: { description: 'No active certificate, and a certificate is suspended: not certified until reinstated.' },
    WITHDRAWN: { description: 'No active or suspended certificate; the latest one ended by withdrawal.' },
    EXPIRED: { description: 'No active or suspended certificate; the latest one ended by expiring without renewal.' },
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
