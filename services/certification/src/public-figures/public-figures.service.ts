import { addDays, codeSectionOf, reportDate, type Database } from '../../../shared/src';
import { CertificateStatus, CertificationStandard } from '../certification/certification.entity';
import { certificateStatusOn, type CertificateHistoryFacts } from '../certification/certification.rules';
import { FindingStatus, MonitoringActivityStatus, MonitoringActivityType } from '../monitoring/monitoring.entity';
import { findingStatusOn } from '../monitoring/monitoring.rules';
import { CertificationFigures, ConcernCounts, MonitoringFigures, StandardCount } from './public-figures.types';

/** Counts findings by the groups the Association publishes (the section of the Code their paragraph belongs to). */
function concernCounts(findings: readonly { codeVersion: string; paragraph: number | string | null }[]): ConcernCounts {
  const concerns = Object.assign(new ConcernCounts(), { personnelMisconduct: 0, managementAndGovernance: 0, other: 0, total: findings.length });
  for (const finding of findings) {
    const section = codeSectionOf(finding.codeVersion, finding.paragraph === null ? null : Number(finding.paragraph));
    if (section === 'CONDUCT_OF_PERSONNEL') concerns.personnelMisconduct += 1;
    else if (section === 'MANAGEMENT_AND_GOVERNANCE') concerns.managementAndGovernance += 1;
    else concerns.other += 1;
  }
  return concerns;
}

/**
 * Monitoring figures of `year` in two statements: completed activities by type, and every finding recorded by the
 * year's report date with its status entries effective by then. From those: the concerns recorded in the year, those
 * active at year end (not closed by then, read from the dated history) and the cumulative total.
 */
export async function monitoringFigures(database: Database, year: number): Promise<MonitoringFigures> {
  const start = `${year}-01-01`;
  const asOf = reportDate(year);
  const activities = (await database.dataSource.query(
    'SELECT a.type AS type, COUNT(*) AS count FROM monitoring_activity a WHERE a.status = ? ' +
      'AND a.completed_on >= ? AND a.completed_on <= ? GROUP BY a.type',
    [MonitoringActivityStatus.COMPLETED, start, asOf],
  )) as { type: MonitoringActivityType; count: number | string }[];
  // recorded_at is a timestamp: "on or before asOf" is "before the next day" (a date sorts before that day's timestamps).
  const rows = (await database.dataSource.query(
    'SELECT f.id AS id, f.code_version AS codeVersion, f.paragraph AS paragraph, f.recorded_at AS recordedAt, ' +
      's.sequence AS sequence, s.status AS status, s.effective_from AS effectiveFrom ' +
      'FROM finding f LEFT JOIN finding_status_entry s ON s.finding_id = f.id AND s.effective_from <= ? ' +
      'WHERE f.recorded_at < ?',
    [asOf, addDays(asOf, 1)],
  )) as {
    id: string; codeVersion: string; paragraph: number | string | null; recordedAt: string;
    sequence: number | string | null; status: FindingStatus | null; effectiveFrom: string | null;
  }[];
  const findings = new Map<string, { codeVersion: string; paragraph: number | string | null; recordedAt: string; history: { sequence: number; status: FindingStatus; effectiveFrom: string }[] }>();
  for (const row of rows) {
    const finding = findings.get(row.id) ?? { codeVersion: row.codeVersion, paragraph: row.paragraph, recordedAt: row.recordedAt, history: [] };
    if (row.status !== null && row.effectiveFrom !== null) finding.history.push({ sequence: Number(row.sequence), status: row.status, effectiveFrom: row.effectiveFrom });
    findings.set(row.id, finding);
  }
  const all = [...findings.values()];
  const completed = (type: MonitoringActivityType) => Number(activities.find((a) => a.type === type)?.count ?? 0);
  return Object.assign(new MonitoringFigures(), {
    fieldVisits: completed(MonitoringActivityType.FIELD_VISIT),
    remoteReviews: completed(MonitoringActivityType.REMOTE_MONITORING),
    selfAssessmentReviews: completed(MonitoringActivityType.SELF_ASSESSMENT_REVIEW),
    humanRightsRiskAssessments: completed(MonitoringActivityType.HUMAN_RIGHTS_RISK_ASSESSMENT),
    concerns: concernCounts(all.filter((f) => f.recordedAt >= start)),
    concernsActiveAtYearEnd: concernCounts(all.filter((f) => findingStatusOn(f.history, asOf) !== FindingStatus.CLOSED)),
    concernsCumulative: concernCounts(all),
  });
}

/**
 * Certification figures of `year` in one statement: the certificates that may be active at year end
 * (issued by then, not expired before it) with their histories, read with the same rule as any status on a date.
 */
export async function certificationFigures(database: Database, year: number): Promise<CertificationFigures> {
  const asOf = reportDate(year);
  const rows = (await database.dataSource.query(
    'SELECT c.organization_id AS organizationId, c.standard AS standard, s.certification_id AS certificationId, ' +
      's.sequence AS sequence, s.status AS status, s.effective_from AS effectiveFrom, s.expires_on AS expiresOn ' +
      'FROM certification c JOIN certification_status_entry s ON s.certification_id = c.id ' +
      'WHERE c.expires_on >= ? AND c.issued_on <= ? AND s.effective_from <= ?',
    [asOf, asOf, asOf],
  )) as (CertificateHistoryFacts & { organizationId: string; standard: CertificationStandard })[];
  const certificates = new Map<string, { organizationId: string; standard: CertificationStandard; history: CertificateHistoryFacts[] }>();
  for (const row of rows) {
    const certificate = certificates.get(row.certificationId) ?? { organizationId: row.organizationId, standard: row.standard, history: [] };
    certificate.history.push({ ...row, sequence: Number(row.sequence) });
    certificates.set(row.certificationId, certificate);
  }
  const certified = new Set<string>();
  const byStandard = new Map(Object.values(CertificationStandard).map((standard) => [standard, new Set<string>()]));
  for (const certificate of certificates.values()) {
    if (certificateStatusOn(certificate.history, asOf) !== CertificateStatus.ACTIVE) continue;
    certified.add(certificate.organizationId);
    byStandard.get(certificate.standard)?.add(certificate.organizationId);
  }
  return Object.assign(new CertificationFigures(), {
    certifiedCompanies: certified.size,
    byStandard: [...byStandard].map(([standard, companies]) => Object.assign(new StandardCount(), { standard, companies: companies.size })),
  });
}
