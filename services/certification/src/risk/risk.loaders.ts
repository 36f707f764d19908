import { In } from 'typeorm';
import { listLoader, recordLoader, type Database } from '../../../shared/src';
import { MonitoringActivityRiskReport, RiskReport, RiskReportCompany, RiskReportReview } from './risk.entity';
import { RiskReportSensitivity, RiskReportStatus } from './risk.enums';

/** Per-request loaders of risk reports: one statement per kind of record, whatever the list length. */
export function createRiskLoaders(database: Database) {
  const manager = database.dataSource.manager;
  return {
    riskReport: recordLoader<string, RiskReport>((ids) => manager.findBy(RiskReport, { id: In([...ids]) }), (r) => r.id),
    /** Reports that may be cited publicly: accepted and PUBLIC; any other id answers null. */
    citableRiskReport: recordLoader<string, RiskReport>(
      (ids) => manager.findBy(RiskReport, { id: In([...ids]), status: RiskReportStatus.ACCEPTED, sensitivity: RiskReportSensitivity.PUBLIC }),
      (r) => r.id,
    ),
    /** Reports of each reporting organization, newest first (`Organization.riskReports`). */
    riskReportsByReporter: listLoader<string, RiskReport>(
      (ids) => manager.find(RiskReport, { where: { reporterOrganizationId: In([...ids]) }, order: { submittedAt: 'DESC', id: 'DESC' } }),
      (r) => r.reporterOrganizationId!,
    ),
    riskReportCompanies: listLoader<string, RiskReportCompany>(
      (ids) => manager.find(RiskReportCompany, { where: { reportId: In([...ids]) }, order: { organizationId: 'ASC' } }),
      (c) => c.reportId,
    ),
    riskReportReviews: listLoader<string, RiskReportReview>(
      (ids) => manager.find(RiskReportReview, { where: { reportId: In([...ids]) }, order: { sequence: 'ASC' } }),
      (r) => r.reportId,
    ),
    riskReportsCitedByActivity: listLoader<string, MonitoringActivityRiskReport>(
      (ids) => manager.find(MonitoringActivityRiskReport, { where: { activityId: In([...ids]) }, order: { reportId: 'ASC' } }),
      (c) => c.activityId,
    ),
  };
}
