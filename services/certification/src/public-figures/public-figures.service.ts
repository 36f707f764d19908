import { codeSectionOf, reportDate, type Database } from '../../../shared/src';
import { CertificateStatus, CertificationStandard } from '../certification/certification.entity';
import { certificateStatusOn, type CertificateHistoryFacts } from '../certification/certification.rules';
import { MonitoringActivityStatus, MonitoringActivityType } from '../monitoring/monitoring.entity';
import { CertificationFigures, ConcernCounts, MonitoringFigures, StandardCount } from './public-figures.types';

/** Monitoring figures of `year` in two statements: completed activities by type, and the year's findings. */
export async function monitoringFigures(database: Database, year: number): Promise<MonitoringFigures> {
  const start = `${year}-01-01`;
  const asOf = reportDate(year);
  const activities = (await database.dataSource.query(
    'SELECT a.type AS type, COUNT(*) AS count FROM monitoring_activity a WHERE a.status = ? ' +
      'AND a.completed_on >= ? AND a.completed_on <= ? GROUP BY a.type',
    [MonitoringActivityStatus.COMPLETED, start, asOf],
  )) as { type: MonitoringActivityType; count: number | string }[];
  const findings = (await database.dataSource.query(
    'SELECT f.code_version AS codeVersion, f.paragraph AS paragraph FROM finding f WHERE f.recorded_at >= ? AND f.recorded_at < ?',
    [start, `${year + 1}-01-01`],
  )) as { codeVersion: string; paragraph: number | string | null }[];
  const completed = (type: MonitoringActivityType) => Number(activities.find((a) => a.type === type)?.count ?? 0);
  const concerns = Object.assign(new ConcernCounts(), { personnelMisconduct: 0, managementAndGovernance: 0, other: 0, total: findings.length });
  for (const finding of findings) {
    const section = codeSectionOf(finding.codeVersion, finding.paragraph === null ? null : Number(finding.paragraph));
    if (section === 'CONDUCT_OF_PERSONNEL') concerns.personnelMisconduct += 1;
    else if (section === 'MANAGEMENT_AND_GOVERNANCE') concerns.managementAndGovernance += 1;
    else concerns.other += 1;
  }
  return Object.assign(new MonitoringFigures(), {
    fieldVisits: completed(MonitoringActivityType.FIELD_VISIT),
    remoteReviews: completed(MonitoringActivityType.REMOTE_MONITORING),
    selfAssessmentReviews: completed(MonitoringActivityType.SELF_ASSESSMENT_REVIEW),
    humanRightsRiskAssessments: completed(MonitoringActivityType.HUMAN_RIGHTS_RISK_ASSESSMENT),
    concerns,
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
