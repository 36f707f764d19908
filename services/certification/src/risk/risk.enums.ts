import { registerEnumType } from 'type-graphql';

/** Who may ever cite a risk report: the reporter and the companies named are never public either way. */
export enum RiskReportSensitivity {
  PUBLIC = 'PUBLIC',
  ASSOCIATION_ONLY = 'ASSOCIATION_ONLY',
}
registerEnumType(RiskReportSensitivity, {
  name: 'RiskReportSensitivity',
  description: 'What of a risk report the Secretariat may cite publicly. The reporter and the companies named are never public.',
  valuesConfig: {
    PUBLIC: { description: 'Its title, period, place and themes may be cited in a risk area\'s public justification.' },
    ASSOCIATION_ONLY: { description: 'Nothing of it is ever cited; it informs the Association only.' },
  },
});

export enum RiskReportStatus {
  SUBMITTED = 'SUBMITTED',
  ACCEPTED = 'ACCEPTED',
  NOT_RETAINED = 'NOT_RETAINED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(RiskReportStatus, {
  name: 'RiskReportStatus',
  description: 'Where a risk report stands.',
  valuesConfig: {
    SUBMITTED: { description: 'Submitted; the Secretariat has not reviewed it yet.' },
    ACCEPTED: { description: 'Accepted by the Secretariat: risk levels and monitoring priorities may rest on it.' },
    NOT_RETAINED: { description: 'Reviewed and not retained by the Secretariat (the note says why).' },
    WITHDRAWN: { description: 'Withdrawn by its reporter; no longer used.' },
  },
});

/** The Secretariat's two outcomes of a review. */
export enum RiskReportDecision {
  ACCEPT = 'ACCEPT',
  NOT_RETAIN = 'NOT_RETAIN',
}
registerEnumType(RiskReportDecision, {
  name: 'RiskReportDecision',
  description: 'The Secretariat\'s decision on a risk report.',
  valuesConfig: {
    ACCEPT: { description: 'Accept it: it may support risk levels and monitoring priorities.' },
    NOT_RETAIN: { description: 'Do not retain it (with a note saying why).' },
  },
});

export enum RiskSourceKind {
  MEDIA = 'MEDIA',
  FIELD_OBSERVATION = 'FIELD_OBSERVATION',
  INTERVIEWS = 'INTERVIEWS',
  PUBLISHED_REPORT = 'PUBLISHED_REPORT',
}
registerEnumType(RiskSourceKind, {
  name: 'RiskSourceKind',
  description: 'The kind of source a risk report rests on.',
  valuesConfig: {
    MEDIA: { description: 'Press, broadcast or online media.' },
    FIELD_OBSERVATION: { description: 'The reporter\'s own observation on the ground.' },
    INTERVIEWS: { description: 'Interviews with affected people, witnesses or local organizations.' },
    PUBLISHED_REPORT: { description: 'A report published by an NGO, a UN body, a State or researchers.' },
  },
});

export enum RiskLevelValue {
  LOW = 'LOW',
  ELEVATED = 'ELEVATED',
  HIGH = 'HIGH',
  SEVERE = 'SEVERE',
}
registerEnumType(RiskLevelValue, {
  name: 'RiskLevel',
  description: 'How high the risks are for private security services and the people around them in an area.',
  valuesConfig: {
    LOW: { description: 'No particular risk known beyond the ordinary.' },
    ELEVATED: { description: 'Risks above the ordinary: monitoring pays closer attention.' },
    HIGH: { description: 'High risks of abuse or harm to communities.' },
    SEVERE: { description: 'Severe risks: armed conflict, mass abuses or similar.' },
  },
});

/** Points of each level in monitoring priority scores. */
export const RISK_LEVEL_POINTS: Record<RiskLevelValue, number> = { LOW: 0, ELEVATED: 1, HIGH: 2, SEVERE: 3 };

/** How the list of risk reports is sorted. */
export enum RiskReportOrder {
  RECEIVED_NEWEST_FIRST = 'RECEIVED_NEWEST_FIRST',
  RECEIVED_OLDEST_FIRST = 'RECEIVED_OLDEST_FIRST',
}
registerEnumType(RiskReportOrder, {
  name: 'RiskReportOrder',
  description: 'How a list of risk reports is sorted. A cursor belongs to the order it was read in: under another order it is BAD_USER_INPUT.',
  valuesConfig: {
    RECEIVED_NEWEST_FIRST: { description: 'Received (submitted) most recently first: the default.' },
    RECEIVED_OLDEST_FIRST: { description: 'Received (submitted) longest ago first: the reports that have waited longest.' },
  },
});
