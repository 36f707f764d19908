import { isSecretariat, notFound, ownsRecord, type Viewer } from '../../../shared/src';
import type { ComplaintsContext } from '../context';
import type { Complaint } from './complaint.entity';
import { CompanyCheckStatus } from './complaint.enums';

/*
 * Who may read a complaint (its resolvers and `Organization.complaints`). Filing, and following a complaint up
 * by its receipt code, need no account.
 */

/**
 * May `viewer` see `complaint`? The Secretariat, and members of the company complained about once the
 * company check has passed (until then it is not known to be a complaint the company must answer).
 */
export function maySee(viewer: Viewer, complaint: Complaint): boolean {
  return (
    isSecretariat(viewer) || (ownsRecord(viewer, complaint.companyId) && complaint.companyCheck === CompanyCheckStatus.PASSED)
  );
}

/** The complaint `id` if the viewer may see it; NOT_FOUND otherwise, exactly as for a complaint that does not exist. */
export async function visibleComplaint(id: string, { viewer, loaders }: ComplaintsContext): Promise<Complaint> {
  const complaint = await loaders.complaint.load(id);
  if (!complaint || !maySee(viewer, complaint)) throw notFound('Complaint', id);
  return complaint;
}
