import {
  getNamedType,
  isAbstractType,
  isObjectType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { REFUSALS_THAT_CHANGE_NOTHING } from '../../services/shared/src';

/**
 * Cache tags: what a cached public answer shows, and what a mutation changes, in the same words.
 * An answer is tagged with the type of every object whose fields it reads (`Organization`,
 * `ComplaintStatistics`...) and, for the root fields, `Query.<field>` (a list like `riskAreas` changes
 * when an item is added). A mutation field that committed makes stale the tags listed for it below.
 */
export const EVERYTHING = '*';

/**
 * Shared by every connection: its values change only with the connection's list, and the connection
 * type (whose `pageInfo` field it is) is tagged already; tagging it would let any list change reach all lists.
 */
const UNTAGGED = new Set(['PageInfo']);

/** Types whose fields a change reaches: each type and the value types under it, not the entities (those with an `id`) it links to. */
function family(schema: GraphQLSchema, roots: readonly string[]): string[] {
  const found = new Set<string>();
  const enter = (type: GraphQLNamedType, root: boolean) => {
    if (found.has(type.name)) return;
    if (isAbstractType(type)) {
      found.add(type.name);
      for (const possible of schema.getPossibleTypes(type)) enter(possible, root);
      return;
    }
    if (!isObjectType(type) || UNTAGGED.has(type.name)) return;
    const fields = type.getFields();
    if (!root && 'id' in fields) return;
    found.add(type.name);
    for (const field of Object.values(fields)) enter(getNamedType(field.type), false);
  };
  for (const root of roots) {
    if (root.includes('.')) {
      found.add(root);
      continue;
    }
    const type = schema.getType(root);
    if (!type) throw new Error(`cache tags: no type ${root} in the schema`);
    enter(type, true);
  }
  return [...found];
}

/** What the public sees of organizations: the directory, verification, standing, yearly figures and the form's company list. */
const ORGANIZATIONS = [
  'Organization',
  'OrganizationConnection',
  'OrganizationChange',
  'OrganizationName',
  'MemberVerification',
  'StandingChange',
  'StandingChangeConnection',
  'TransparencyReport',
  'ComplaintFormOptions',
  'ReceiptCheck',
  'Query.organization',
  'Query.organizations',
  'Query.verifyMembers',
  'Query.standingChanges',
  'Query.transparencyReport',
  'Query.complaintFormOptions',
  'Query.checkVerificationReceipt',
];
/** Certificates change an organization's certification status and standing, hence all of the above too. */
const CERTIFICATES = [...ORGANIZATIONS, 'Certification', 'CertificationConnection', 'CertificationStatusEntry', 'Query.certification', 'Query.certifications'];
const MONITORING = [
  'Organization',
  'MonitoringActivity',
  'MonitoringActivityConnection',
  'Finding',
  'FindingConnection',
  'CitedRiskReport',
  'TransparencyReport',
  'MonitoringPriorityConnection',
  'Query.monitoringActivity',
  'Query.monitoringActivities',
  'Query.finding',
  'Query.findings',
  'Query.monitoringPriorities',
  'Query.transparencyReport',
];
const RISK_AREAS = ['RiskArea', 'RiskLevelChange', 'MonitoringPriorityConnection', 'Query.riskAreas', 'Query.monitoringPriorities'];
const RISK_REPORTS = ['Organization', 'RiskReport', 'RiskReportConnection', 'CitedRiskReport', 'MonitoringActivity', 'Query.riskReport', 'Query.riskReports'];
/** Complaint figures: an organization's statistics and the yearly report (a complaint counts from the day it is filed). */
const COMPLAINTS = [
  'Complaint',
  'ComplaintConnection',
  'ComplaintFollowUp',
  'ComplaintStatistics',
  'TransparencyReport',
  'Query.complaint',
  'Query.complaints',
  'Query.complaintByReceipt',
  'Query.transparencyReport',
];
const CERTIFICATION_APPLICATIONS = ['CertificationApplication', 'CertificationApplicationConnection', 'Query.certificationApplication', 'Query.certificationApplications'];
const MEMBERSHIP_APPLICATIONS = ['MembershipApplication', 'MembershipApplicationConnection', 'Query.membershipApplication', 'Query.membershipApplications'];
const WATCHLISTS = ['Watchlist', 'WatchlistWebhook', 'Query.watchlist', 'Query.watchlists'];

/**
 * What each mutation field may change. Fields that touch only restricted data (applications before a
 * decision, contacts, watchlists, messages) name only their own types, which no public answer holds.
 * A mutation field missing here makes everything stale (test/edge-cache.test.ts lists them all).
 */
const SELF_ASSESSMENTS = [
  'SelfAssessment', 'SelfAssessmentConnection', 'SelfAssessmentCycle', 'SelfAssessmentCycleConnection',
  'Query.missingSelfAssessments', 'Query.selfAssessmentCycles', 'Query.selfAssessmentCycle',
];
const CHANGES: Record<string, readonly string[]> = {
  createCertificationApplication: CERTIFICATION_APPLICATIONS,
  updateCertificationApplication: CERTIFICATION_APPLICATIONS,
  submitCertificationApplication: CERTIFICATION_APPLICATIONS,
  startCertificationReview: CERTIFICATION_APPLICATIONS,
  askCertificationQuestions: CERTIFICATION_APPLICATIONS,
  answerCertificationQuestions: CERTIFICATION_APPLICATIONS,
  decideCertificationApplication: [...CERTIFICATION_APPLICATIONS, ...CERTIFICATES],
  recordCertification: CERTIFICATES,
  changeCertificationStatus: CERTIFICATES,
  renewCertification: CERTIFICATES,
  recordCertificationBody: ['CertificationBody', 'Query.certificationBodies'],
  scheduleMonitoringActivity: MONITORING,
  startMonitoringActivity: MONITORING,
  completeMonitoringActivity: MONITORING,
  recordFinding: MONITORING,
  changeFindingStatus: MONITORING,
  citeRiskReportsInMonitoringActivity: [...MONITORING, ...RISK_REPORTS],
  setRiskLevel: RISK_AREAS,
  submitRiskReport: RISK_REPORTS,
  withdrawRiskReport: RISK_REPORTS,
  reviewRiskReport: RISK_REPORTS,
  submitSelfAssessment: SELF_ASSESSMENTS,
  reviewSelfAssessment: SELF_ASSESSMENTS,
  // A new cycle adds entries to companies' self-assessments.
  openSelfAssessmentCycle: SELF_ASSESSMENTS,
  // A visit's methodology is public, read through its monitoring activity; the rest only with a token.
  recordFieldVisitConduct: ['FieldVisitRecord'],
  publishFieldVisitSummary: ['FieldVisitSummary'],
  submitFieldVisitContribution: ['FieldVisitContribution', 'FieldVisitContributionConnection', 'Query.fieldVisitContribution', 'Query.fieldVisitContributions'],
  // A surveillance report can end an overdue state, and with it a certificate's status.
  submitSurveillanceReport: ['SurveillanceReport', 'SurveillanceReportConnection', 'Query.overdueSurveillanceReports', ...CERTIFICATES],
  setWatchlistWebhook: WATCHLISTS,
  rotateWatchlistWebhookSecret: WATCHLISTS,
  createWatchlist: WATCHLISTS,
  renameWatchlist: WATCHLISTS,
  deleteWatchlist: WATCHLISTS,
  addToWatchlist: WATCHLISTS,
  removeFromWatchlist: WATCHLISTS,
  submitComplaint: COMPLAINTS,
  advanceComplaint: COMPLAINTS,
  respondToComplaint: COMPLAINTS,
  // The case summary and the region: read through the complaint, the case list and the complainant's follow-up.
  describeComplaintCase: COMPLAINTS,
  replyToComplainant: ['Complaint', 'ComplaintMessage', 'ComplaintFollowUp', 'Query.complaint', 'Query.complaintByReceipt'],
  // Internal notes are read through the complaint only (Secretariat): nothing else changes.
  addComplaintInternalNote: ['Complaint', 'ComplaintInternalNote', 'Query.complaint'],
  // Who holds a complaint is the Secretariat's alone: only the complaint and its Secretariat lists change.
  assignComplaint: ['Complaint', 'ComplaintAssignment', 'ComplaintConnection', 'Query.complaint', 'Query.complaints', 'Query.complaintsDue'],
  // Evidence is read with its complaint only (the Secretariat and the company; never public answers).
  shareComplaintEvidence: ['Complaint', 'ComplaintEvidence', 'Query.complaint', 'Query.complaints'],
  unshareComplaintEvidence: ['Complaint', 'ComplaintEvidence', 'Query.complaint', 'Query.complaints'],
  sendComplaintMessage: ['Complaint', 'ComplaintMessage', 'ComplaintFollowUp', 'Query.complaint', 'Query.complaintByReceipt'],
  // The complainant's notice settings: read through the complaint (Secretariat) and the follow-up only.
  setReplyNotices: ['Complaint', 'Complainant', 'ComplaintFollowUp', 'Query.complaint', 'Query.complaintByReceipt'],
  submitMembershipApplication: MEMBERSHIP_APPLICATIONS,
  decideMembershipApplication: [...MEMBERSHIP_APPLICATIONS, ...ORGANIZATIONS],
  // Contact changes enter an organization's history, but only the Secretariat sees those entries.
  addContact: ['Contact'],
  updateContact: ['Contact'],
  removeContact: ['Contact'],
  changeMembershipStatus: ORGANIZATIONS,
  renameOrganization: ORGANIZATIONS,
  addTradingName: ORGANIZATIONS,
  endTradingName: ORGANIZATIONS,
  updateOrganizationProfile: ORGANIZATIONS,
  // Both are read on organizations and filter the directory.
  correctGovernmentKind: ORGANIZATIONS,
  recordMontreuxDocumentSupport: ORGANIZATIONS,
  recordMontreuxDocumentWithdrawal: ORGANIZATIONS,
};

/** Refusals that, by the project's rule, change nothing (any other failure may come after a commit). */
const NOTHING_CHANGED = REFUSALS_THAT_CHANGE_NOTHING;

/** Tags of answers and of changes for one API schema. */
export class CacheTags {
  private readonly changes = new Map<string, readonly string[]>();
  private readonly known = new Set<string>([EVERYTHING]);
  private readonly documents = new WeakMap<DocumentNode, readonly string[]>();

  constructor(private readonly schema: GraphQLSchema) {
    for (const [field, roots] of Object.entries(CHANGES)) this.changes.set(field, family(schema, roots));
    for (const type of Object.values(schema.getTypeMap())) if (isObjectType(type) || isAbstractType(type)) this.known.add(type.name);
    for (const field of Object.keys(schema.getQueryType()?.getFields() ?? {})) this.known.add(`Query.${field}`);
  }

  /** The mutation fields with no entry in the table (each would make everything stale). */
  unlisted(): string[] {
    return Object.keys(this.schema.getMutationType()?.getFields() ?? {}).filter((field) => !this.changes.has(field));
  }

  /** Whether `tag` names something of this schema (a message from another replica is checked with it). */
  isKnown(tag: string): boolean {
    return this.known.has(tag);
  }

  /** The tags of an answer to `document`: every object type whose fields it selects, and its root fields. */
  ofDocument(document: DocumentNode): readonly string[] {
    const cached = this.documents.get(document);
    if (cached) return cached;
    const tags = new Set<string>();
    const typeInfo = new TypeInfo(this.schema);
    const queryType = this.schema.getQueryType();
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Field: (node) => {
          const parent = typeInfo.getParentType();
          if (!parent || node.name.value.startsWith('__') || UNTAGGED.has(parent.name)) return;
          if (parent === queryType) tags.add(`Query.${node.name.value}`);
          else if (isAbstractType(parent)) for (const possible of this.schema.getPossibleTypes(parent)) tags.add(possible.name);
          else tags.add(parent.name);
        },
      }),
    );
    const result = [...tags];
    this.documents.set(document, result);
    return result;
  }

  /**
   * The tags a mutation made stale, from its answer: a root field changed something unless its own
   * resolver refused it (an error at its path with a code that means nothing changed). Nothing ran
   * when there is no `data` at all.
   */
  changedBy(document: DocumentNode, operation: OperationDefinitionNode, data: Record<string, unknown> | null | undefined, errors: readonly GraphQLFormattedError[] | undefined): string[] {
    if (data === undefined) return [];
    const changed = new Set<string>();
    for (const { alias, field } of rootFields(document, operation.selectionSet)) {
      if (field === '__typename') continue;
      const own = (errors ?? []).filter((error) => error.path?.[0] === alias);
      const refused =
        (data === null || data[alias] === null || data[alias] === undefined) &&
        own.length > 0 &&
        own.every((error) => error.path!.length === 1 && NOTHING_CHANGED.has(String(error.extensions?.code)));
      if (refused) continue;
      for (const tag of this.changes.get(field) ?? [EVERYTHING]) changed.add(tag);
    }
    return [...changed];
  }
}

/** The root fields of an operation by response key, through fragments. */
function rootFields(document: DocumentNode, selectionSet: SelectionSetNode, seen = new Set<string>()): { alias: string; field: string }[] {
  const found: { alias: string; field: string }[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      found.push({ alias: selection.alias?.value ?? selection.name.value, field: selection.name.value });
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      found.push(...rootFields(document, selection.selectionSet, seen));
    } else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value);
      if (fragment?.kind === Kind.FRAGMENT_DEFINITION) found.push(...rootFields(document, fragment.selectionSet, seen));
    }
  }
  return found;
}
