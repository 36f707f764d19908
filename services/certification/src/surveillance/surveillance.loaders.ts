import DataLoader from 'dataloader';
import { today, type Database } from '../../../shared/src';
import type { SurveillanceReport } from './surveillance.entity';
import { surveillanceReportsByOrganization } from './surveillance.service';

/** Per-request loaders of surveillance reports; `graceDays` is the settings' grace period before a report is overdue. */
export function createSurveillanceLoaders(database: Database, graceDays: number) {
  return {
    /** Surveillance reports of the organizations' certificates as they stand today: three statements per batch. */
    surveillanceReports: new DataLoader<string, SurveillanceReport[]>(async (ids) => {
      const byOrganization = await surveillanceReportsByOrganization(database, ids, today(), graceDays);
      return ids.map((id) => byOrganization.get(id) ?? []);
    }),
  };
}
