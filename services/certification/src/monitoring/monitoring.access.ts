import { isSecretariat, notFound, ownsRecord, type Viewer } from '../../../shared/src';
import type { CertificationLoaders } from '../context';
import type { Finding, MonitoringActivity } from './monitoring.entity';

/** That a monitoring activity took place is public: anyone may read it (its contents are restricted field by field). */
export async function existingActivity(loaders: CertificationLoaders, id: string): Promise<MonitoringActivity> {
  const activity = await loaders.activity.load(id);
  if (!activity) throw notFound('Monitoring activity', id);
  return activity;
}

/** A finding is visible to its company and the Secretariat; to anyone else it does not exist. */
export async function visibleFinding(loaders: CertificationLoaders, viewer: Viewer, id: string): Promise<Finding> {
  const finding = await loaders.finding.load(id);
  if (!finding || !(isSecretariat(viewer) || ownsRecord(viewer, finding.organizationId))) {
    throw notFound('Finding', id);
  }
  return finding;
}
