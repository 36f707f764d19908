import { registerEnumType } from 'type-graphql';

/** Where a complaint stands in the Association's process. */
export enum ComplaintStatus {
  RECEIVED = 'RECEIVED',
  UNDER_ASSESSMENT = 'UNDER_ASSESSMENT',
  INADMISSIBLE = 'INADMISSIBLE',
  REFERRED_TO_COMPANY_GRIEVANCE_MECHANISM = 'REFERRED_TO_COMPANY_GRIEVANCE_MECHANISM',
  GOOD_OFFICES = 'GOOD_OFFICES',
  UNDER_REVIEW = 'UNDER_REVIEW',
  MONITORING_FOLLOW_UP = 'MONITORING_FOLLOW_UP',
  RESOLVED = 'RESOLVED',
  CLOSED = 'CLOSED',
}
registerEnumType(ComplaintStatus, {
  name: 'ComplaintStatus',
  description:
    'Where a complaint stands: received → under assessment → inadmissible, or (harm) referred to the company\'s ' +
    'grievance mechanism / good offices / under review, or (violation report) monitoring follow-up → resolved → closed.',
  valuesConfig: {
    RECEIVED: { description: 'Filed and acknowledged; the Secretariat has not started its assessment yet.' },
    UNDER_ASSESSMENT: { description: 'The Secretariat is assessing whether the complaint is admissible.' },
    INADMISSIBLE: { description: 'Not admissible (the reason is given in the timeline); final.' },
    REFERRED_TO_COMPANY_GRIEVANCE_MECHANISM: {
      description: 'Harm complaints: referred to the company\'s own grievance mechanism, which the Association follows.',
    },
    GOOD_OFFICES: { description: 'Harm complaints: handled through the Association\'s good offices between the parties.' },
    UNDER_REVIEW: { description: 'Harm complaints: under review by the Secretariat (e.g. after a grievance mechanism failed).' },
    MONITORING_FOLLOW_UP: {
      description: 'Violation reports: followed up through the Association\'s monitoring of the company.',
    },
    RESOLVED: { description: 'Resolved, with an outcome and, where granted, a remedy.' },
    CLOSED: { description: 'Closed after resolution; final.' },
  },
});

// Shared with the certification subgraph (risk reports cite the same provisions as complaints).
export { CodeProvision } from '../../../shared/src/code-provisions';

export { CodeVersion } from '../../../shared/src';

/** Who a timeline entry is written for, besides the Secretariat (which sees everything). */
export enum EventAudience {
  SECRETARIAT_ONLY = 'SECRETARIAT_ONLY',
  COMPLAINANT = 'COMPLAINANT',
  COMPANY = 'COMPANY',
  COMPLAINANT_AND_COMPANY = 'COMPLAINANT_AND_COMPANY',
}
registerEnumType(EventAudience, {
  name: 'EventAudience',
  description:
    'Who may read the note of a timeline entry besides the Secretariat. Status changes themselves are shown to the ' +
    'complainant and the company whatever the audience; only the note is kept to its audience.',
  valuesConfig: {
    SECRETARIAT_ONLY: { description: 'An internal note: the Secretariat alone reads it.' },
    COMPLAINANT: { description: 'Written for the complainant (shown with their receipt code), not for the company.' },
    COMPANY: { description: 'Written for the company complained about, not for the complainant.' },
    COMPLAINANT_AND_COMPANY: { description: 'Written for both the complainant and the company.' },
  },
});

/** What happened in a timeline entry. */
export enum ComplaintEventKind {
  SUBMITTED = 'SUBMITTED',
  STATUS_CHANGED = 'STATUS_CHANGED',
  COMPANY_RESPONSE = 'COMPANY_RESPONSE',
}
registerEnumType(ComplaintEventKind, {
  name: 'ComplaintEventKind',
  description: 'What a timeline entry records.',
  valuesConfig: {
    SUBMITTED: { description: 'The complaint was filed.' },
    STATUS_CHANGED: { description: 'The Secretariat moved the complaint to another status.' },
    COMPANY_RESPONSE: { description: 'The company complained about submitted its response (read by the Secretariat).' },
  },
});

/** Who acted, by role: a complainant or a company person is never named in a timeline. */
export enum ComplaintActor {
  COMPLAINANT = 'COMPLAINANT',
  SECRETARIAT = 'SECRETARIAT',
  COMPANY = 'COMPANY',
  SYSTEM = 'SYSTEM',
}
registerEnumType(ComplaintActor, {
  name: 'ComplaintActor',
  description: 'Who acted or wrote, by role.',
  valuesConfig: {
    COMPLAINANT: { description: 'The complainant or their representative (with the receipt code).' },
    SECRETARIAT: { description: 'The Association\'s Secretariat.' },
    COMPANY: { description: 'A member of the company complained about.' },
    SYSTEM: {
      description:
        'The complaints process itself, no person: the company check made after filing when the membership register ' +
        'could not be asked at once.',
    },
  },
});

/**
 * Whether the company complained about was confirmed as one the Association takes complaints against
 * (a private security company that is or was a member or affiliate). Filing never waits for it: when
 * the membership register cannot be asked, the complaint is stored and the check retried.
 */
export enum CompanyCheckStatus {
  PENDING = 'PENDING',
  PASSED = 'PASSED',
  FAILED = 'FAILED',
}
registerEnumType(CompanyCheckStatus, {
  name: 'CompanyCheckStatus',
  description:
    'The check that the company complained about is a private security company that is or was a member or affiliate ' +
    'of the Association.',
  valuesConfig: {
    PENDING: {
      description:
        'Company check pending: the membership register could not be asked when the complaint was filed. It is asked ' +
        'again every minute for the first hour, then every hour, until it answers.',
    },
    PASSED: { description: 'The company is one the Association takes complaints against.' },
    FAILED: {
      description:
        'The company is not one the Association takes complaints against: the complaint was made INADMISSIBLE, with ' +
        'the reason shown to the complainant.',
    },
  },
});

/** How the case list (`complaints`) is sorted; each order has its own cursors. */
export enum ComplaintOrder {
  RECEIVED_NEWEST_FIRST = 'RECEIVED_NEWEST_FIRST',
  RECEIVED_OLDEST_FIRST = 'RECEIVED_OLDEST_FIRST',
  LAST_ACTIVITY = 'LAST_ACTIVITY',
  OLDEST_WAITING = 'OLDEST_WAITING',
  NEXT_DEADLINE = 'NEXT_DEADLINE',
}
registerEnumType(ComplaintOrder, {
  name: 'ComplaintOrder',
  description:
    'How a list of complaints is sorted. A cursor (`after`) belongs to the order it was read in: under another order ' +
    'it is BAD_USER_INPUT. The orders by activity and deadline are the Secretariat\'s (FORBIDDEN for a company member).',
  valuesConfig: {
    RECEIVED_NEWEST_FIRST: { description: 'Received (filed) most recently first: the default.' },
    RECEIVED_OLDEST_FIRST: { description: 'Received (filed) longest ago first.' },
    LAST_ACTIVITY: {
      description:
        'Most recent activity first: filing, a status change, the company\'s response, a message of the complainant ' +
        'or the Secretariat, an internal note (Secretariat only).',
    },
    OLDEST_WAITING: { description: 'Least recent activity first: the complaints that have waited longest (Secretariat only).' },
    NEXT_DEADLINE: {
      description: 'Soonest stage due date first; complaints without a due date come last (Secretariat only).',
    },
  },
});

/** The orders of an organization's own complaints (`Organization.complaintsPage`): ix_complaint_company, either way round. */
export enum OrganizationComplaintOrder {
  RECEIVED_NEWEST_FIRST = 'RECEIVED_NEWEST_FIRST',
  RECEIVED_OLDEST_FIRST = 'RECEIVED_OLDEST_FIRST',
}
registerEnumType(OrganizationComplaintOrder, {
  name: 'OrganizationComplaintOrder',
  description:
    'How the complaints against one organization are sorted. A cursor belongs to the order it was read in: under ' +
    'another order it is BAD_USER_INPUT. The Secretariat\'s casework orders are on the case list (`complaints`).',
  valuesConfig: {
    RECEIVED_NEWEST_FIRST: { description: 'Received (filed) most recently first: the default.' },
    RECEIVED_OLDEST_FIRST: { description: 'Received (filed) longest ago first.' },
  },
});
