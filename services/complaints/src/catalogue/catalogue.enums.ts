import { registerEnumType } from 'type-graphql';

/*
 * The kinds of complaint the form offers: part of the catalogue (their labels are in kind.texts.ts), and
 * read by complaints and the public figures from here.
 */

/** The two kinds of complaint of Article 13 of the Articles of Association, harm split by whom it was done to. */
export enum ComplaintKind {
  HARM_TO_COMPLAINANT = 'HARM_TO_COMPLAINANT',
  HARM_TO_REPRESENTED_PERSON = 'HARM_TO_REPRESENTED_PERSON',
  VIOLATION_REPORT = 'VIOLATION_REPORT',
}
registerEnumType(ComplaintKind, {
  name: 'ComplaintKind',
  description: 'What a complaint claims: harm from a violation of the Code, or a violation without a claim of harm.',
  valuesConfig: {
    HARM_TO_COMPLAINANT: {
      description: 'The complainant was harmed by a violation of the Code and seeks remedy through a fair grievance procedure.',
    },
    HARM_TO_REPRESENTED_PERSON: {
      description: 'A representative files for a person (or group) harmed by a violation of the Code; the representative is named.',
    },
    VIOLATION_REPORT: {
      description: 'An individual or group reports a violation of the Code, backed by evidence, without claiming harm to themselves.',
    },
  },
});
