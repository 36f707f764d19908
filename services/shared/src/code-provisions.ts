import { registerEnumType } from 'type-graphql';
import { codeSectionOf, type CodeSection, type CodeVersionName } from './code-sections';

/**
 * Provisions of the International Code of Conduct complaints and risk reports cite, in the Association's words
 * (paragraph numbers of the 2010 text).
 */
export enum CodeProvision {
  GENERAL_CONDUCT = 'GENERAL_CONDUCT',
  RULES_FOR_THE_USE_OF_FORCE = 'RULES_FOR_THE_USE_OF_FORCE',
  USE_OF_FORCE = 'USE_OF_FORCE',
  DETENTION = 'DETENTION',
  APPREHENDING_PERSONS = 'APPREHENDING_PERSONS',
  TORTURE_OR_CRUEL_TREATMENT = 'TORTURE_OR_CRUEL_TREATMENT',
  SEXUAL_EXPLOITATION_AND_GENDER_BASED_VIOLENCE = 'SEXUAL_EXPLOITATION_AND_GENDER_BASED_VIOLENCE',
  HUMAN_TRAFFICKING = 'HUMAN_TRAFFICKING',
  SLAVERY_AND_FORCED_LABOUR = 'SLAVERY_AND_FORCED_LABOUR',
  CHILD_LABOUR = 'CHILD_LABOUR',
  DISCRIMINATION = 'DISCRIMINATION',
  IDENTIFICATION_AND_REGISTERING = 'IDENTIFICATION_AND_REGISTERING',
  INCORPORATION_OF_THE_CODE = 'INCORPORATION_OF_THE_CODE',
  SELECTION_AND_VETTING_OF_PERSONNEL = 'SELECTION_AND_VETTING_OF_PERSONNEL',
  SELECTION_AND_VETTING_OF_SUBCONTRACTORS = 'SELECTION_AND_VETTING_OF_SUBCONTRACTORS',
  COMPANY_POLICIES_AND_PERSONNEL_CONTRACTS = 'COMPANY_POLICIES_AND_PERSONNEL_CONTRACTS',
  TRAINING_OF_PERSONNEL = 'TRAINING_OF_PERSONNEL',
  MANAGEMENT_OF_WEAPONS = 'MANAGEMENT_OF_WEAPONS',
  WEAPONS_TRAINING = 'WEAPONS_TRAINING',
  MATERIEL_OF_WAR = 'MATERIEL_OF_WAR',
  INCIDENT_REPORTING = 'INCIDENT_REPORTING',
  SAFE_AND_HEALTHY_WORKING_ENVIRONMENT = 'SAFE_AND_HEALTHY_WORKING_ENVIRONMENT',
  HARASSMENT = 'HARASSMENT',
  GRIEVANCE_PROCEDURES = 'GRIEVANCE_PROCEDURES',
  MEETING_LIABILITIES = 'MEETING_LIABILITIES',
}
registerEnumType(CodeProvision, {
  name: 'CodeProvision',
  description:
    'A provision of the International Code of Conduct for Private Security Service Providers, as the Association ' +
    'names it (paragraph numbers of the 2010 text; Section F: conduct of personnel, Section G: management and governance). ' +
    'The numbering of the text as amended in 2021 is not confirmed: its citations carry no paragraph numbers.',
  valuesConfig: {
    GENERAL_CONDUCT: { description: 'F. General conduct (para. 28).' },
    RULES_FOR_THE_USE_OF_FORCE: { description: 'F. Rules for the use of force (para. 29).' },
    USE_OF_FORCE: { description: 'F. Use of force (paras. 30–32).' },
    DETENTION: { description: 'F. Detention (para. 33).' },
    APPREHENDING_PERSONS: { description: 'F. Apprehending persons (para. 34).' },
    TORTURE_OR_CRUEL_TREATMENT: {
      description: 'F. Prohibition of torture or other cruel, inhuman or degrading treatment or punishment (paras. 35–37).',
    },
    SEXUAL_EXPLOITATION_AND_GENDER_BASED_VIOLENCE: {
      description: 'F. Sexual exploitation and abuse or gender-based violence (para. 38).',
    },
    HUMAN_TRAFFICKING: { description: 'F. Human trafficking (para. 39).' },
    SLAVERY_AND_FORCED_LABOUR: { description: 'F. Prohibition of slavery and forced labour (para. 40).' },
    CHILD_LABOUR: { description: 'F. Prohibition on the worst forms of child labour (para. 41).' },
    DISCRIMINATION: { description: 'F. Discrimination (para. 42).' },
    IDENTIFICATION_AND_REGISTERING: { description: 'F. Identification and registering (para. 43).' },
    INCORPORATION_OF_THE_CODE: { description: 'G. Incorporation of the Code into company policies (para. 44).' },
    SELECTION_AND_VETTING_OF_PERSONNEL: { description: 'G. Selection and vetting of personnel (paras. 45–49).' },
    SELECTION_AND_VETTING_OF_SUBCONTRACTORS: { description: 'G. Selection and vetting of subcontractors (paras. 50–51).' },
    COMPANY_POLICIES_AND_PERSONNEL_CONTRACTS: { description: 'G. Company policies and personnel contracts (paras. 52–54).' },
    TRAINING_OF_PERSONNEL: { description: 'G. Training of personnel (para. 55).' },
    MANAGEMENT_OF_WEAPONS: { description: 'G. Management of weapons (paras. 56–58).' },
    WEAPONS_TRAINING: { description: 'G. Weapons training (para. 59).' },
    MATERIEL_OF_WAR: { description: 'G. Management of materiel of war (paras. 60–62).' },
    INCIDENT_REPORTING: { description: 'G. Incident reporting (para. 63).' },
    SAFE_AND_HEALTHY_WORKING_ENVIRONMENT: { description: 'G. Safe and healthy working environment (para. 64).' },
    HARASSMENT: { description: 'G. Harassment (para. 65).' },
    GRIEVANCE_PROCEDURES: {
      description: 'G. Grievance procedures (paras. 66–68), including complaints about a company\'s grievance mechanism itself.',
    },
    MEETING_LIABILITIES: { description: 'G. Meeting liabilities (para. 69).' },
  },
});

/** The Code's heading of each provision, in English, the same in the 2010 and 2021 texts as cited here. */
export const PROVISION_HEADINGS: Record<CodeProvision, string> = {
  GENERAL_CONDUCT: 'General conduct',
  RULES_FOR_THE_USE_OF_FORCE: 'Rules for the use of force',
  USE_OF_FORCE: 'Use of force',
  DETENTION: 'Detention',
  APPREHENDING_PERSONS: 'Apprehending persons',
  TORTURE_OR_CRUEL_TREATMENT: 'Prohibition of torture or other cruel, inhuman or degrading treatment or punishment',
  SEXUAL_EXPLOITATION_AND_GENDER_BASED_VIOLENCE: 'Sexual exploitation and abuse or gender-based violence',
  HUMAN_TRAFFICKING: 'Human trafficking',
  SLAVERY_AND_FORCED_LABOUR: 'Prohibition of slavery and forced labour',
  CHILD_LABOUR: 'Prohibition on the worst forms of child labour',
  DISCRIMINATION: 'Discrimination',
  IDENTIFICATION_AND_REGISTERING: 'Identification and registering',
  INCORPORATION_OF_THE_CODE: 'Incorporation of the Code into company policies',
  SELECTION_AND_VETTING_OF_PERSONNEL: 'Selection and vetting of personnel',
  SELECTION_AND_VETTING_OF_SUBCONTRACTORS: 'Selection and vetting of subcontractors',
  COMPANY_POLICIES_AND_PERSONNEL_CONTRACTS: 'Company policies and personnel contracts',
  TRAINING_OF_PERSONNEL: 'Training of personnel',
  MANAGEMENT_OF_WEAPONS: 'Management of weapons',
  WEAPONS_TRAINING: 'Weapons training',
  MATERIEL_OF_WAR: 'Management of materiel of war',
  INCIDENT_REPORTING: 'Incident reporting',
  SAFE_AND_HEALTHY_WORKING_ENVIRONMENT: 'Safe and healthy working environment',
  HARASSMENT: 'Harassment',
  GRIEVANCE_PROCEDURES: 'Grievance procedures',
  MEETING_LIABILITIES: 'Meeting liabilities',
};

const PARAGRAPHS_2010: Record<CodeProvision, readonly [number, number]> = {
  GENERAL_CONDUCT: [28, 28],
  RULES_FOR_THE_USE_OF_FORCE: [29, 29],
  USE_OF_FORCE: [30, 32],
  DETENTION: [33, 33],
  APPREHENDING_PERSONS: [34, 34],
  TORTURE_OR_CRUEL_TREATMENT: [35, 37],
  SEXUAL_EXPLOITATION_AND_GENDER_BASED_VIOLENCE: [38, 38],
  HUMAN_TRAFFICKING: [39, 39],
  SLAVERY_AND_FORCED_LABOUR: [40, 40],
  CHILD_LABOUR: [41, 41],
  DISCRIMINATION: [42, 42],
  IDENTIFICATION_AND_REGISTERING: [43, 43],
  INCORPORATION_OF_THE_CODE: [44, 44],
  SELECTION_AND_VETTING_OF_PERSONNEL: [45, 49],
  SELECTION_AND_VETTING_OF_SUBCONTRACTORS: [50, 51],
  COMPANY_POLICIES_AND_PERSONNEL_CONTRACTS: [52, 54],
  TRAINING_OF_PERSONNEL: [55, 55],
  MANAGEMENT_OF_WEAPONS: [56, 58],
  WEAPONS_TRAINING: [59, 59],
  MATERIEL_OF_WAR: [60, 62],
  INCIDENT_REPORTING: [63, 63],
  SAFE_AND_HEALTHY_WORKING_ENVIRONMENT: [64, 64],
  HARASSMENT: [65, 65],
  GRIEVANCE_PROCEDURES: [66, 68],
  MEETING_LIABILITIES: [69, 69],
};

/**
 * The paragraphs each provision covers, per Code version; null where the version's numbering is not
 * confirmed from a published text (the 2021 amendment: see `CODE_SECTION_PARAGRAPHS`). A null is
 * shown as "no paragraph number", never replaced by the 2010 number, which may be wrong for 2021.
 */
export const PROVISION_PARAGRAPHS: Record<CodeVersionName, Record<CodeProvision, readonly [number, number] | null>> = {
  CODE_2010: PARAGRAPHS_2010,
  CODE_2021: Object.fromEntries(Object.values(CodeProvision).map((provision) => [provision, null])) as Record<CodeProvision, null>,
};

/**
 * The section of each provision, whatever the version: a provision belongs to the section its heading
 * sits in (read once from the 2010 numbering), so a citation without a paragraph number is still placed.
 */
export const PROVISION_SECTIONS: Record<CodeProvision, CodeSection> = Object.fromEntries(
  Object.values(CodeProvision).map((provision) => [provision, codeSectionOf('CODE_2010', PARAGRAPHS_2010[provision][0])]),
) as Record<CodeProvision, CodeSection>;

/** The paragraphs of `version` a provision covers, or null when that version's numbering is not confirmed. */
export function provisionParagraphs(provision: CodeProvision, version: string): readonly [number, number] | null {
  return PROVISION_PARAGRAPHS[version as CodeVersionName]?.[provision] ?? null;
}

/**
 * How a citation reads: section letter, heading and, where the version's numbering is confirmed, its
 * paragraphs ("F. Use of force (paras. 30–32)"; for the 2021 text "F. Use of force").
 */
export function provisionLabel(provision: CodeProvision, version: string): string {
  const letter = PROVISION_SECTIONS[provision] === 'CONDUCT_OF_PERSONNEL' ? 'F' : 'G';
  const paragraphs = provisionParagraphs(provision, version);
  const suffix = paragraphs === null ? '' : paragraphs[0] === paragraphs[1] ? ` (para. ${paragraphs[0]})` : ` (paras. ${paragraphs[0]}–${paragraphs[1]})`;
  return `${letter}. ${PROVISION_HEADINGS[provision]}${suffix}`;
}
