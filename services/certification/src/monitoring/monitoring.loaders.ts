import { In } from 'typeorm';
import { listLoader, nestedPagesLoader, recordLoader, type Database, type PageRequest } from '../../../shared/src';
import { Finding, FindingStatusEntry, MonitoringActivity } from './monitoring.entity';
import { activityPagesOf } from './monitoring.service';

/** Per-request loaders of monitoring activities and findings: one statement per kind of record, whatever the list length. */
export function createMonitoringLoaders(database: Database) {
  const manager = database.dataSource.manager;
  return {
    activity: recordLoader<string, MonitoringActivity>(
      (ids) => manager.findBy(MonitoringActivity, { id: In([...ids]) }),
      (a) => a.id,
    ),
    /** A page of each organization's activities (`monitoringActivitiesPage`), per set of page arguments. */
    activityPagesByOrganization: nestedPagesLoader((ids, page: PageRequest) => activityPagesOf(database, ids, page)),
    activitiesByOrganization: listLoader<string, MonitoringActivity>(
      (ids) =>
        manager.find(MonitoringActivity, {
          where: { organizationId: In([...ids]) },
          order: { plannedStartOn: 'DESC', id: 'DESC' },
        }),
      (a) => a.organizationId,
    ),
    finding: recordLoader<string, Finding>(
      (ids) => manager.findBy(Finding, { id: In([...ids]) }),
      (f) => f.id,
    ),
    findingsByOrganization: listLoader<string, Finding>(
      (ids) => manager.find(Finding, { where: { organizationId: In([...ids]) }, order: { dueOn: 'ASC', id: 'ASC' } }),
      (f) => f.organizationId,
    ),
    findingsByActivity: listLoader<string, Finding>(
      (ids) => manager.find(Finding, { where: { activityId: In([...ids]) }, order: { dueOn: 'ASC', id: 'ASC' } }),
      (f) => f.activityId,
    ),
    findingHistory: listLoader<string, FindingStatusEntry>(
      (ids) => manager.find(FindingStatusEntry, { where: { findingId: In([...ids]) }, order: { sequence: 'ASC' } }),
      (e) => e.findingId,
    ),
  };
}
