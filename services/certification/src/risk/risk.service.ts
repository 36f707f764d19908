import { randomUUID } from 'node:crypto';
import { In, type EntityManager } from 'typeorm';
import {
  badUserInput,
  checkExpectedVersion,
  columnThenId,
  conflictOnUniqueViolation,
  countryCode,
  type Database,
  nextSequence,
  nowTimestamp,
  optionalText,
  type PageRequest,
  paginateOrdered,
  regionCodeOf,
  type SortOrder,
  text,
  today,
  updateVersioned,
} from '../../../shared/src';
import { MonitoringActivity } from '../monitoring/monitoring.entity';
import { MonitoringActivityRiskReport, RiskLevelEntry, RiskReport, RiskReportCompany, RiskReportReview } from './risk.entity';
import { RiskReportDecision, RiskReportStatus, RiskReportOrder } from './risk.enums';
import { byArea, checkObservedPeriod, checkReviewable, checkWithdrawable } from './risk.rules';
import { RiskArea, RiskReportConnection, type RiskReportFilter, type SetRiskLevelInput, type SubmitRiskReportInput } from './risk.types';

/** Checks every field of a report to submit; BAD_USER_INPUT names the first one wrong, before anything is stored. */
export function checkedReport(input: SubmitRiskReportInput, asSecretariat: boolean) {
  const country = countryCode(input.country, 'input.country');
  checkObservedPeriod(input.observedFrom, input.observedUntil, today());
  if (input.themes.length < 1 || input.themes.length > 25) throw badUserInput('Name 1 to 25 themes', 'input.themes');
  if (input.sources.length < 1 || input.sources.length > 20) throw badUserInput('Give 1 to 20 sources', 'input.sources');
  const companyIds = [...new Set(input.companyIds ?? [])];
  if (companyIds.length > 50) throw badUserInput('Name at most 50 companies', 'input.companyIds');
  const onBehalfOf = optionalText(input.onBehalfOf, 'input.onBehalfOf', 200);
  if (asSecretariat && !onBehalfOf) throw badUserInput('The Secretariat records a report for a source: name it', 'input.onBehalfOf');
  if (!asSecretariat && onBehalfOf) throw badUserInput('Only the Secretariat records reports for other sources', 'input.onBehalfOf');
  return {
    title: text(input.title, 'input.title', { max: 200 }),
    country,
    region: input.region ? regionCodeOf(input.region, country, 'input.region') : null,
    placeName: optionalText(input.placeName, 'input.placeName', 200),
    observedFrom: input.observedFrom,
    observedUntil: input.observedUntil,
    themes: [...new Set(input.themes)],
    affectedCommunities: text(input.affectedCommunities, 'input.affectedCommunities', { max: 2000 }),
    description: text(input.description, 'input.description', { max: 10_000 }),
    sources: input.sources.map((s, i) => ({ kind: s.kind, reference: text(s.reference, `input.sources.${i}.reference`, { max: 1000 }) })),
    sensitivity: input.sensitivity,
    onBehalfOf,
    companyIds,
  };
}

export type CheckedReport = ReturnType<typeof checkedReport>;

/** Stores a checked report and the companies it names, in one transaction. */
export function submitRiskReport(
  database: Database,
  report: CheckedReport,
  reporterOrganizationId: string | null,
  submittedBy: string | null,
): Promise<RiskReport> {
  return database.transaction(async (manager) => {
    const { companyIds, ...fields } = report;
    const record = manager.create(RiskReport, {
      ...fields,
      id: randomUUID(),
      reporterOrganizationId,
      status: RiskReportStatus.SUBMITTED,
      submittedAt: nowTimestamp(),
      submittedBy,
      version: 1,
    });
    await manager.insert(RiskReport, record);
    if (companyIds.length) await manager.insert(RiskReportCompany, companyIds.map((organizationId) => ({ reportId: record.id, organizationId })));
    return record;
  });
}

/** Moves a report to `status` if it is still at `expected` version, and appends the decision to its history. */
async function decide(
  database: Database,
  report: RiskReport,
  status: RiskReportStatus,
  note: string | null,
  decidedBy: string | null,
  expectedVersion: number | null | undefined,
): Promise<RiskReport> {
  checkExpectedVersion(report, 'Risk report', expectedVersion);
  return database.transaction(async (manager: EntityManager) => {
    const decided = await updateVersioned(
      manager,
      RiskReport,
      report,
      { status },
      'Risk report',
      `Risk report ${report.id} was changed by someone else meanwhile; reload it and try again`,
    );
    await manager.insert(RiskReportReview, {
      id: randomUUID(),
      reportId: report.id,
      sequence: await nextSequence(manager, RiskReportReview, { reportId: report.id }),
      status,
      note,
      decidedBy,
      recordedAt: nowTimestamp(),
    });
    return decided;
  });
}

export function withdrawRiskReport(database: Database, report: RiskReport, expectedVersion: number | null | undefined, by: string | null) {
  checkWithdrawable(report.status);
  return decide(database, report, RiskReportStatus.WITHDRAWN, null, by, expectedVersion);
}

export function reviewRiskReport(
  database: Database,
  report: RiskReport,
  decision: RiskReportDecision,
  note: string | null | undefined,
  expectedVersion: number | null | undefined,
  by: string | null,
) {
  checkReviewable(report.status);
  const checkedNote = optionalText(note, 'note', 4000);
  if (decision === RiskReportDecision.NOT_RETAIN && !checkedNote) throw badUserInput('Say why the report is not retained', 'note');
  const status = decision === RiskReportDecision.ACCEPT ? RiskReportStatus.ACCEPTED : RiskReportStatus.NOT_RETAINED;
  return decide(database, report, status, checkedNote, by, expectedVersion);
}

/** A page of reports in `order` (newest first by default): every report for the Secretariat, its own for a member (`reporter`). */
export function riskReportsPage(
  database: Database,
  reporter: string | null,
  filter: RiskReportFilter | null | undefined,
  page: PageRequest,
  order: RiskReportOrder = RiskReportOrder.RECEIVED_NEWEST_FIRST,
) {
  const query = database.dataSource.manager.createQueryBuilder(RiskReport, 'report');
  if (reporter) query.andWhere('report.reporterOrganizationId = :reporter', { reporter });
  if (filter?.status) query.andWhere('report.status = :status', { status: filter.status });
  if (filter?.country) query.andWhere('report.country = :country', { country: countryCode(filter.country, 'filter.country') });
  return paginateOrdered(RiskReportConnection, query, REPORT_ORDERS[order], page);
}

const bySubmission = (name: RiskReportOrder, descending: boolean) => columnThenId<RiskReport>(name, 'report', 'submitted_at', (row) => row.submittedAt, descending);

/** The orders of the report list; ix_risk_report_submitted (and the reporter, status and country indexes) serve both, read either way. */
const REPORT_ORDERS: Record<RiskReportOrder, SortOrder<RiskReport>> = {
  [RiskReportOrder.RECEIVED_NEWEST_FIRST]: bySubmission(RiskReportOrder.RECEIVED_NEWEST_FIRST, true),
  [RiskReportOrder.RECEIVED_OLDEST_FIRST]: bySubmission(RiskReportOrder.RECEIVED_OLDEST_FIRST, false),
};

/** Sets a dated level of an area; it must rest on accepted reports of that area (its country, for a country). */
export async function setRiskLevel(database: Database, input: SetRiskLevelInput, setBy: string | null): Promise<RiskLevelEntry> {
  const country = countryCode(input.country, 'input.country');
  const region = input.region ? regionCodeOf(input.region, country, 'input.region') : null;
  const justification = text(input.justification, 'input.justification', { max: 4000 });
  const reportIds = [...new Set(input.reportIds)];
  if (reportIds.length < 1 || reportIds.length > 50) throw badUserInput('A level rests on 1 to 50 accepted reports', 'input.reportIds');
  const reports = await database.dataSource.manager.findBy(RiskReport, { id: In(reportIds) });
  for (const id of reportIds) {
    const report = reports.find((r) => r.id === id);
    if (!report || report.status !== RiskReportStatus.ACCEPTED) {
      throw badUserInput(`Risk report ${id} is not an accepted report`, 'input.reportIds');
    }
    if (report.country !== country || (region && report.region !== region)) {
      throw badUserInput(`Risk report ${id} is not about ${region ?? country}`, 'input.reportIds');
    }
  }
  const entry = Object.assign(new RiskLevelEntry(), {
    id: randomUUID(),
    area: region ?? country,
    country,
    region,
    level: input.level,
    effectiveFrom: input.effectiveFrom,
    justification,
    reportIds,
    setBy,
    recordedAt: nowTimestamp(),
  });
  return conflictOnUniqueViolation(
    () => database.dataSource.manager.insert(RiskLevelEntry, entry).then(() => entry),
    `${entry.area} already has a level from ${entry.effectiveFrom}; levels are never changed, set one from another day`,
  );
}

/** Every area with levels (of one country when given), by code: one statement. */
export async function riskAreas(database: Database, country: string | null | undefined): Promise<RiskArea[]> {
  const where = country ? { country: countryCode(country, 'country') } : {};
  const entries = await database.dataSource.manager.find(RiskLevelEntry, { where, order: { area: 'ASC', effectiveFrom: 'ASC' } });
  return [...byArea(entries)].map(([code, list]) =>
    Object.assign(new RiskArea(), { code, country: list[0].country, region: list[0].region, entries: list }),
  );
}

/** Records which risk reports prompted a monitoring activity (accepted reports only); returns the activity. */
export async function citeRiskReportsInActivity(database: Database, activity: MonitoringActivity, reportIds: string[]): Promise<void> {
  const ids = [...new Set(reportIds)];
  if (ids.length < 1 || ids.length > 50) throw badUserInput('Cite 1 to 50 accepted reports', 'reportIds');
  await database.transaction(async (manager) => {
    const reports = await manager.findBy(RiskReport, { id: In(ids) });
    const accepted = new Set(reports.filter((r) => r.status === RiskReportStatus.ACCEPTED).map((r) => r.id));
    const missing = ids.find((id) => !accepted.has(id));
    if (missing) throw badUserInput(`Risk report ${missing} is not an accepted report`, 'reportIds');
    const cited = await manager.findBy(MonitoringActivityRiskReport, { activityId: activity.id, reportId: In(ids) });
    const fresh = ids.filter((id) => !cited.some((c) => c.reportId === id));
    if (fresh.length) await manager.insert(MonitoringActivityRiskReport, fresh.map((reportId) => ({ activityId: activity.id, reportId })));
  });
}
