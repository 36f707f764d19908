import { registerEnumType } from 'type-graphql';

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
    'names it (paragraph numbers of the 2010 text; Section F: conduct of personnel, Section G: management and governance).',
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
