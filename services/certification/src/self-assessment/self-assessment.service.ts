import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import {
  badUserInput,
  checkExpectedVersion,
  conflictOnUniqueViolation,
  decodeCursor,
  encodeCursor,
  notFound,
  nowTimestamp,
  PageInfo,
  pageSize,
  today,
  updateVersioned,
  type Database,
} from '../../../shared/src';
import { MonitoringActivityType } from '../monitoring/monitoring.entity';
import { insertActivity } from '../monitoring/monitoring.service';
import { isPrivateSecurityCompany, type MembershipFacts } from '../membership/membership-facts';
import { SelfAssessment, SelfAssessmentAnswers, SelfAssessmentRecord, SelfAssessmentStatus } from './self-assessment.entity';
import { selfAssessmentDueOn, selfAssessmentRequired, selfAssessmentStatusOn } from './self-assessment.rules';
import { SelfAssessmentConnection } from './self-assessment.types';

export const currentYear = () => Number(today().slice(0, 4));

/** The API view of one year of a company's cycle, submitted or not, on `date`. */
export function selfAssessmentView(
  organizationId: string,
  year: number,
  record: SelfAssessmentRecord | null,
  date: string = today(),
): SelfAssessment {
  return Object.assign(new SelfAssessment(), {
    id: record?.id ?? null,
    organizationId,
    year,
    status: selfAssessmentStatusOn(year, record, date),
    dueOn: selfAssessmentDueOn(year),
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

export interface Submission extends SelfAssessmentAnswers {
  year: number;
}

/** Stores a company's self-assessment for a year it must (or, the current year, may) submit; once per year. */
export async function submitSelfAssessment(
  database: Database,
  company: MembershipFacts,
  submission: Submission,
  submittedBy: string | null,
): Promise<SelfAssessmentRecord> {
  const thisYear = currentYear();
  const isCompany = isPrivateSecurityCompany(company);
  if (submission.year > thisYear) throw badUserInput('year cannot be in the future', 'year');
  if (submission.year !== thisYear && !selfAssessmentRequired(isCompany, company.statusHistory, submission.year)) {
    throw badUserInput(`${company.name} was not asked for a self-assessment for ${submission.year}`, 'year');
  }
  const write = () => database.transaction(async (manager) => {
    if (await manager.findOneBy(SelfAssessmentRecord, { organizationId: company.id, year: submission.year })) {
      throw badUserInput(`The self-assessment for ${submission.year} was already submitted`, 'year');
    }
    const record = manager.create(SelfAssessmentRecord, {
      id: randomUUID(),
      organizationId: company.id,
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
  return conflictOnUniqueViolation(write, `The self-assessment for ${submission.year} was submitted meanwhile`);
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

/** The companies that owe a self-assessment for `year` and have not submitted it, by organization id. */
export async function missingSelfAssessments(
  database: Database,
  companies: readonly MembershipFacts[],
  year: number,
): Promise<string[]> {
  const required = companies
    .filter((c) => selfAssessmentRequired(isPrivateSecurityCompany(c), c.statusHistory, year))
    .map((c) => c.id);
  if (required.length === 0) return [];
  const submitted = await database.dataSource.manager.find(SelfAssessmentRecord, {
    select: { organizationId: true },
    where: { year, organizationId: In(required) },
  });
  const done = new Set(submitted.map((s) => s.organizationId));
  return required.filter((id) => !done.has(id)).sort();
}

/**
 * A page of the companies that owe a self-assessment for `year`, by organization id. The list is
 * computed (companies come from the membership subgraph), so the page is cut from it in memory.
 */
export async function missingSelfAssessmentPage(
  database: Database,
  companies: readonly MembershipFacts[],
  year: number,
  page: { first: number | null; after: string | null },
) {
  const size = pageSize(page.first);
  const start = page.after ? String(decodeCursor(page.after, ['string'])[0]) : null;
  const missing = await missingSelfAssessments(database, companies, year);
  const rest = start === null ? missing : missing.filter((id) => id > start);
  const edges = rest.slice(0, size).map((id) => ({
    cursor: encodeCursor([id]),
    node: selfAssessmentView(id, year, null),
  }));
  return Object.assign(new SelfAssessmentConnection(), {
    edges,
    pageInfo: Object.assign(new PageInfo(), { hasNextPage: rest.length > size, endCursor: edges.at(-1)?.cursor ?? null }),
    countAll: async () => missing.length,
  });
}
