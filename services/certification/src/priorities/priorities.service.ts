import { In, LessThanOrEqual, Not } from 'typeorm';
import { badUserInput, decodeCursor, pageDirection, paginateSorted, type Database, type PageRequest } from '../../../shared/src';
import { CertificationStatus, Certification, CertificationStatusEntry } from '../certification/certification.entity';
import { organizationCertificationOn } from '../certification/certification.rules';
import type { CertificationSettings } from '../config';
import { openComplaintCounts } from '../complaints/complaints.peer';
import type { CertificationPeers } from '../context';
import { Finding, FindingStatus, MonitoringActivity, MonitoringActivityStatus, MonitoringActivityType } from '../monitoring/monitoring.entity';
import { rankedCompanies } from '../membership/membership.peer';
import { isOverdue } from '../monitoring/monitoring.rules';
import { organizationReference } from '../organization/organization.entity';
import { RiskLevelEntry, RiskReport, RiskReportCompany } from '../risk/risk.entity';
import { RiskReportStatus, type RiskLevelValue } from '../risk/risk.enums';
import { byArea, levelOn } from '../risk/risk.rules';
import { overdueSurveillanceReportsByOrganization } from '../surveillance/surveillance.service';
import { byPriority, scoreCompany, type PriorityFacts } from './priorities.rules';
import { MonitoringPriority, MonitoringPriorityConnection, PriorityFactor } from './priorities.types';

/** Counts per organization from `GROUP BY` rows (drivers return counts as strings or numbers). */
function countsOf(rows: { organizationId: string; value: string | number }[]): Map<string, string | number> {
  return new Map(rows.map((row) => [row.organizationId, row.value]));
}

function byOrganization<T extends { organizationId: string }>(rows: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) map.set(row.organizationId, [...(map.get(row.organizationId) ?? []), row]);
  return map;
}

/** The settings a ranking reads: the surveillance grace period and the factor weights. */
type RankingSettings = Pick<CertificationSettings, 'surveillanceGraceDays' | 'priorityWeights'>;

/**
 * Ranks every member and affiliate company for `day`. The cost does not grow with the number of companies:
 * one membership call per hundred companies, one complaints call, and nine statements.
 */
export async function rankCompanies(
  database: Database,
  peers: CertificationPeers,
  settings: RankingSettings,
  day: string,
): Promise<MonitoringPriority[]> {
  const companies = await rankedCompanies(peers.membership);
  if (companies.length === 0) return [];
  const ids = companies.map((c) => c.id);
  const manager = database.dataSource.manager;
  const { surveillanceGraceDays, priorityWeights } = settings;
  const [complaints, levels, overdueReports, findings, visits, certificates, histories, named] = await Promise.all([
    openComplaintCounts(peers.complaints, ids),
    manager.find(RiskLevelEntry, { where: { effectiveFrom: LessThanOrEqual(day) } }),
    overdueSurveillanceReportsByOrganization(database, ids, day, surveillanceGraceDays),
    manager.find(Finding, { where: { organizationId: In(ids), status: Not(FindingStatus.CLOSED) } }),
    manager
      .createQueryBuilder(MonitoringActivity, 'activity')
      .select('activity.organizationId', 'organizationId')
      .addSelect('MAX(activity.completedOn)', 'value')
      .where({ organizationId: In(ids), type: MonitoringActivityType.FIELD_VISIT, status: MonitoringActivityStatus.COMPLETED })
      .andWhere('activity.completedOn <= :day', { day })
      .groupBy('activity.organizationId')
      .getRawMany(),
    manager.find(Certification, { where: { organizationId: In(ids) } }),
    manager.find(CertificationStatusEntry, { where: { organizationId: In(ids) }, order: { certificationId: 'ASC', sequence: 'ASC' } }),
    manager
      .createQueryBuilder(RiskReportCompany, 'named')
      .innerJoin(RiskReport, 'report', 'report.id = named.reportId')
      .select('named.organizationId', 'organizationId')
      .addSelect('COUNT(*)', 'value')
      .where({ organizationId: In(ids) })
      .andWhere('report.status = :accepted', { accepted: RiskReportStatus.ACCEPTED })
      .groupBy('named.organizationId')
      .getRawMany(),
  ]);
  const levelOnDay = new Map<string, RiskLevelValue>();
  for (const [area, entries] of byArea(levels)) {
    const entry = levelOn(entries, day);
    if (entry) levelOnDay.set(area, entry.level);
  }
  const [certificatesOf, historiesOf, findingsOf] = [byOrganization(certificates), byOrganization(histories), byOrganization(findings)];
  const lastVisits = countsOf(visits);
  const namedCounts = countsOf(named);
  const ranked = companies.map((company) => {
    const { status } = organizationCertificationOn(certificatesOf.get(company.id) ?? [], historiesOf.get(company.id) ?? [], day);
    const openFindings = findingsOf.get(company.id) ?? [];
    const withLevel = (codes: string[]) =>
      [...new Set(codes)].filter((code) => levelOnDay.has(code)).map((code): [string, RiskLevelValue] => [code, levelOnDay.get(code)!]);
    const facts: PriorityFacts = {
      countryLevels: withLevel(company.countriesOfOperation),
      regionLevels: withLevel(company.regionsOfOperation),
      openComplaints: complaints[company.id] ?? 0,
      overdueSurveillanceReports: overdueReports.get(company.id)?.length ?? 0,
      openFindings: openFindings.length,
      overdueFindings: openFindings.filter((f) => isOverdue(f, day)).length,
      certified: status === CertificationStatus.CERTIFIED,
      suspended: status === CertificationStatus.SUSPENDED,
      deadlinePassed: !!company.certificationDeadline && company.certificationDeadline < day,
      lastFieldVisitOn: (lastVisits.get(company.id) as string | undefined) ?? null,
      namedInRiskReports: Number(namedCounts.get(company.id) ?? 0),
    };
    const { score, factors } = scoreCompany(facts, priorityWeights, day);
    return Object.assign(new MonitoringPriority(), {
      organizationId: company.id,
      organization: organizationReference(company.id),
      name: company.name,
      day,
      score,
      factors: factors.map((f) => Object.assign(new PriorityFactor(), f)),
    });
  });
  return ranked.sort(byPriority);
}

/**
 * A page of the ranking for `day`, either way from a (day, score, organization id) cursor. A cursor of
 * another day's ranking is refused: the scores (and so the places) differ from day to day.
 */
export async function monitoringPriorities(
  database: Database,
  peers: CertificationPeers,
  settings: RankingSettings,
  day: string,
  page: PageRequest,
) {
  const { cursor, cursorArgument } = pageDirection(page);
  const kinds: ('string' | 'number')[] = ['string', 'number', 'string'];
  const rankedOn = cursor ? String(decodeCursor(cursor, kinds, cursorArgument)[0]) : day;
  if (rankedOn !== day) throw badUserInput(`${cursorArgument} is a cursor of the ranking of ${rankedOn}, not of ${day}`, cursorArgument);
  const all = await rankCompanies(database, peers, settings, day);
  // The ranking's order (byPriority): score highest first, then organization id.
  return paginateSorted(MonitoringPriorityConnection, all, (p) => [day, p.score, p.organizationId], kinds, page, [false, true, false]);
}
