import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import {
  badUserInput,
  checkExpectedVersion,
  conflictOnUniqueViolation,
  notFound,
  nowTimestamp,
  pageDirection,
  paginateSorted,
  today,
  updateVersioned,
  type Database,
  type PageRequest,
} from '../../../shared/src';
import { MonitoringActivityType } from '../monitoring/monitoring.entity';
import { insertActivity } from '../monitoring/monitoring.service';
import { isPrivateSecurityCompany, type MembershipFacts } from '../membership/membership-facts';
import { SelfAssessment, SelfAssessmentAnswers, SelfAssessmentCycle, SelfAssessmentRecord, SelfAssessmentStatus } from './self-assessment.entity';
import { cycleCovers, cycleOpenOn, selfAssessmentStatusOn } from './self-assessment.rules';
import { SelfAssessmentConnection } from './self-assessment.types';

export const currentYear = () => Number(today().slice(0, 4));

/** The API view of one company's self-assessment in a cycle, submitted or not, on `date`. */
export function selfAssessmentView(
  organizationId: string,
  cycle: SelfAssessmentCycle,
  record: SelfAssessmentRecord | null,
  date: string = today(),
): SelfAssessment {
  return Object.assign(new SelfAssessment(), {
    id: record?.id ?? null,
    organizationId,
    cycleId: cycle.id,
    year: cycle.year,
    status: selfAssessmentStatusOn(cycle.dueOn, record, date),
    dueOn: cycle.dueOn,
    submittedAt: record?.submittedAt ?? null,
    reviewedOn: record?.reviewedOn ?? null,
    answers: record
      ? Object.assign(new SelfAssessmentAnswers(), {
          humanRightsCommitment: record.humanRightsCommitment,
          humanRightsDueDiligence: record.humanRightsDueDiligence,
          grievanceAndIncidentReporting: record.grievanceAndIncidentReporting,
          training: record.training,
        })
      : null,
    reviewNote: record?.reviewNote ?? null,
    version: record?.version ?? null,
  });
}

export type Submission = SelfAssessmentAnswers;

/** What the cycle rules read of a company. */
export function companyOf(facts: MembershipFacts | null, id = facts?.id ?? '') {
  return { id, isCompany: isPrivateSecurityCompany(facts), history: facts?.statusHistory ?? [] };
}

/**
 * Stores a company's answer to a cycle: the cycle must have been sent and must cover the company (or
 * BAD_USER_INPUT, nothing stored); once per cycle.
 */
export async function submitSelfAssessment(
  database: Database,
  company: MembershipFacts,
  cycle: SelfAssessmentCycle,
  listed: ReadonlySet<string> | null,
  submission: Submission,
  submittedBy: string | null,
): Promise<SelfAssessmentRecord> {
  if (!cycleOpenOn(cycle, today())) {
    throw badUserInput(`The ${cycle.year} self-assessment cycle is sent on ${cycle.sentOn}; answers are taken from that day`, 'year');
  }
  if (!cycleCovers(cycle, listed, companyOf(company))) {
    throw badUserInput(
      listed
        ? `${company.name} is not among the companies the ${cycle.year} cycle was sent to`
        : `${company.name} was not a member or affiliate company on ${cycle.sentOn}, when the ${cycle.year} cycle was sent`,
      'year',
    );
  }
  const write = () => database.transaction(async (manager) => {
    if (await manager.findOneBy(SelfAssessmentRecord, { organizationId: company.id, year: cycle.year })) {
      throw badUserInput(`The self-assessment for ${cycle.year} was already submitted`, 'year');
    }
    const record = manager.create(SelfAssessmentRecord, {
      id: randomUUID(),
      organizationId: company.id,
      year: cycle.year,
      ...submission,
      status: SelfAssessmentStatus.SUBMITTED,
      submittedAt: nowTimestamp(),
      submittedBy,
      reviewedOn: null,
      reviewedBy: null,
      reviewNote: null,
      version: 1,
    });
    await manager.insert(SelfAssessmentRecord, record);
    return record;
  });
  return conflictOnUniqueViolation(write, `The self-assessment for ${cycle.year} was submitted meanwhile`);
}

/** A submitted self-assessment by id; NOT_FOUND when there is none. */
export async function submittedSelfAssessment(database: Database, id: string): Promise<SelfAssessmentRecord> {
  const record = await database.dataSource.manager.findOneBy(SelfAssessmentRecord, { id });
  if (!record) throw notFound('Self-assessment', id);
  return record;
}

/**
 * Marks a submitted self-assessment reviewed and records the desk review as a completed monitoring
 * activity (in the company's headquarters country), in one transaction.
 */
export async function reviewSelfAssessment(
  database: Database,
  record: SelfAssessmentRecord,
  company: MembershipFacts,
  review: { note: string; reviewedBy: string | null; expectedVersion: number | null },
): Promise<SelfAssessmentRecord> {
  if (record.status === SelfAssessmentStatus.REVIEWED) throw badUserInput('The self-assessment was already reviewed', 'id');
  checkExpectedVersion(record, 'Self-assessment', review.expectedVersion);
  const day = today();
  return database.transaction(async (manager) => {
    const reviewed = await updateVersioned(
      manager,
      SelfAssessmentRecord,
      record,
      { status: SelfAssessmentStatus.REVIEWED, reviewedOn: day, reviewedBy: review.reviewedBy, reviewNote: review.note },
      'Self-assessment',
      `Self-assessment ${record.id} was changed by someone else meanwhile; reload it and try again`,
    );
    await insertActivity(
      manager,
      {
        organizationId: record.organizationId,
        type: MonitoringActivityType.SELF_ASSESSMENT_REVIEW,
        fieldVisitKind: null,
        country: company.headquartersCountry,
        plannedStartOn: day,
        plannedEndOn: day,
        purpose: `Desk review of the ${record.year} self-assessment`,
        selfAssessmentId: record.id,
      },
      { on: day, summary: review.note },
    );
    return reviewed;
  });
}

/** The ids of the companies a cycle covers or that answered it, sorted: the rows of its `companies` list. */
export function cycleCompanyIds(
  cycle: SelfAssessmentCycle,
  listed: ReadonlySet<string> | null,
  companies: readonly MembershipFacts[],
  submissions: readonly SelfAssessmentRecord[],
): string[] {
  const ids = new Set(listed ?? companies.filter((c) => cycleCovers(cycle, null, companyOf(c))).map((c) => c.id));
  for (const s of submissions) ids.add(s.organizationId);
  return [...ids].sort();
}

/**
 * A page of a computed list of organization ids (companies come from the membership subgraph, so the
 * list is put together in memory and the page cut from it by id).
 */
export function selfAssessmentPage(
  ids: readonly string[],
  view: (organizationId: string) => SelfAssessment,
  page: PageRequest,
) {
  pageDirection(page); // bad page arguments are refused before the rows are put together
  return paginateSorted(SelfAssessmentConnection, ids.map(view), (s) => [s.organizationId], ['string'], page);
}

/** The companies a cycle covers that have not answered it, by organization id: one statement. */
export async function missingSelfAssessments(
  database: Database,
  companies: readonly MembershipFacts[],
  cycle: SelfAssessmentCycle,
  listed: ReadonlySet<string> | null,
): Promise<string[]> {
  const covered = listed ? [...listed] : companies.filter((c) => cycleCovers(cycle, null, companyOf(c))).map((c) => c.id);
  if (covered.length === 0) return [];
  const submitted = await database.dataSource.manager.find(SelfAssessmentRecord, {
    select: { organizationId: true },
    where: { year: cycle.year, organizationId: In(covered) },
  });
  const done = new Set(submitted.map((s) => s.organizationId));
  return covered.filter((id) => !done.has(id)).sort();
}

/** A page of the companies a cycle covers that have not answered it, DUE or OVERDUE today. */
export async function missingSelfAssessmentPage(
  database: Database,
  companies: readonly MembershipFacts[],
  cycle: SelfAssessmentCycle,
  listed: ReadonlySet<string> | null,
  page: PageRequest,
) {
  const missing = await missingSelfAssessments(database, companies, cycle, listed);
  return selfAssessmentPage(missing, (id) => selfAssessmentView(id, cycle, null), page);
}
