import type { CachePolicy } from '@apollo/cache-control-types';
import type { Viewer } from './auth';
import type { Role } from './config';

/**
 * The fields anyone may ask for whose answer still depends on who asks (beside the restricted fields of
 * `@Authorized`, which the auth checker makes uncacheable, and mutations, never cached). The gateway
 * shares a cached public answer with a signed-in caller only when the caller would have got the same
 * answer: this list is how both sides know it. The subgraphs mark these fields' answers PRIVATE (never
 * shared) for every signed-in caller the list does not name; the gateway does not look in the shared
 * cache for a signed-in caller whose operation touches such a field. A test (cache-scope.test.ts) walks
 * every field of the supergraph and fails when a resolver reads the viewer and is neither restricted nor
 * listed here.
 */
export interface ViewerDependence {
  /** Signed-in roles whose answer is always the public's (the anonymous caller's); every other role gets its own. */
  sameAsPublicFor: readonly Role[];
  /** Why the answer depends on the viewer, in a sentence (docs/access.md lists these). */
  why: string;
}

const SECRETARIAT_SEES_EXACT: ViewerDependence = {
  sameAsPublicFor: ['partner', 'member'],
  why: 'the Secretariat sees exact counts where the public sees protected ones; partners and members see the public figures',
};
const OWN_RECORDS_ONLY: ViewerDependence = {
  sameAsPublicFor: [],
  why: 'each caller sees the records its role and organization may see',
};

/** Fields, by `Type.field`. */
export const VIEWER_DEPENDENT_FIELDS: Readonly<Record<string, ViewerDependence>> = {
  'Organization.history': {
    sameAsPublicFor: ['partner', 'member'],
    why: 'the Secretariat sees every change; everyone else the public kinds of change',
  },
  'Organization.complaintStatistics': SECRETARIAT_SEES_EXACT,
  'Query.transparencyReport': { ...SECRETARIAT_SEES_EXACT, why: 'the Secretariat may read a year not yet complete; and exact counts' },
  'TransparencyReport.complaints': SECRETARIAT_SEES_EXACT,
  'Query.certificationApplication': OWN_RECORDS_ONLY,
  'Query.certificationApplications': OWN_RECORDS_ONLY,
  'Query.fieldVisitContribution': OWN_RECORDS_ONLY,
  'Query.fieldVisitContributions': OWN_RECORDS_ONLY,
  'Query.finding': OWN_RECORDS_ONLY,
  'Query.findings': OWN_RECORDS_ONLY,
  'Query.monitoringPriorities': OWN_RECORDS_ONLY,
  'Query.riskReport': OWN_RECORDS_ONLY,
  'Query.riskReports': OWN_RECORDS_ONLY,
  'Query.selfAssessmentCycles': OWN_RECORDS_ONLY,
  'Query.selfAssessmentCycle': OWN_RECORDS_ONLY,
  'SelfAssessmentCycle.companies': OWN_RECORDS_ONLY,
  'Query.missingSelfAssessments': OWN_RECORDS_ONLY,
  'Query.overdueSurveillanceReports': OWN_RECORDS_ONLY,
  'Query.watchlists': { sameAsPublicFor: [], why: 'a partner sees its own watchlists' },
  'Query.watchlist': { sameAsPublicFor: [], why: 'a partner sees its own watchlists' },
  'Query.standingChanges': { sameAsPublicFor: [], why: 'a partner reads the changes of its own watchlists' },
  'Query.complaint': OWN_RECORDS_ONLY,
  'Query.complaints': OWN_RECORDS_ONLY,
  'Query.complaintsDue': OWN_RECORDS_ONLY,
  'Complaint.timeline': { sameAsPublicFor: [], why: 'the Secretariat sees internal entries the company and complainant do not' },
  'Complaint.evidence': OWN_RECORDS_ONLY,
  'ComplaintEvidence.fileName': { sameAsPublicFor: [], why: 'file names are shown to whoever filed them and the Secretariat' },
  'Query.membershipApplications': OWN_RECORDS_ONLY,
  'Query.membershipApplication': OWN_RECORDS_ONLY,
};

/** Entity types another subgraph finds by key (`_entities`) only as the viewer may see them: every field returning one depends on the viewer. */
export const VIEWER_DEPENDENT_ENTITIES: Readonly<Record<string, ViewerDependence>> = {
  RiskReport: { sameAsPublicFor: [], why: 'a risk report is found only by those who may read it' },
  TransparencyReport: { ...SECRETARIAT_SEES_EXACT, why: 'the Secretariat may read a year not yet complete' },
};

/** Whether `viewer` gets the public's answer to a field or entity with this dependence (none: everyone does). */
export function answersAsPublic(dependence: ViewerDependence | undefined, viewer: Viewer): boolean {
  return !dependence || viewer.role === 'public' || dependence.sameAsPublicFor.includes(viewer.role);
}

/** Marks the answer being resolved as the viewer's own: never shared, never kept (it restricts the whole answer). */
export function markViewersOwnAnswer(cachePolicy: CachePolicy | undefined): void {
  cachePolicy?.restrict({ maxAge: 0, scope: 'PRIVATE' });
}

/** Set on a resolver the subgraph wrapped to mark viewer-dependent answers (the scope test checks it is there). */
export const MARKS_VIEWER_DEPENDENCE = Symbol('marks viewer dependence');
