import { randomUUID } from 'node:crypto';
import { checkExpectedVersion, nextSequence, nowTimestamp, updateVersioned, type Database, type Viewer } from '../../../shared/src';
import { Complaint } from '../complaint/complaint.entity';
import { ComplaintAssignment } from './case-officer.entity';
import { checkAssignmentChange, type CheckedOfficer } from './case-officer.rules';

/**
 * Assigns `complaint` to `officer` (null: unassigns it), in one transaction: the complaint's current officer
 * and its assignment history never disagree. The officer who held it is closed at this moment; the new one
 * starts at it. The complaint's version guards against a concurrent change (CONFLICT, nothing written).
 * `updatedAt` is left alone: it is what the company reads as "last changed", and an assignment is internal.
 */
export async function assignComplaint(
  database: Database,
  complaint: Complaint,
  officer: CheckedOfficer | null,
  expectedVersion: number,
  viewer: Viewer,
): Promise<Complaint> {
  const stale = `Complaint ${complaint.referenceNumber} changed since version ${expectedVersion}; reload it`;
  checkExpectedVersion(complaint, 'Complaint', expectedVersion, stale);
  checkAssignmentChange(complaint.assignedOfficerSubject, officer);
  const now = nowTimestamp();
  const by = viewer.subject ?? null;
  return database.transaction(async (manager) => {
    const changed = await updateVersioned(
      manager,
      Complaint,
      complaint,
      { assignedOfficerSubject: officer?.subject ?? null, assignedOfficerName: officer?.name ?? null },
      'Complaint',
      `Complaint ${complaint.referenceNumber} was changed by someone else meanwhile; reload it and try again`,
    );
    await manager
      .createQueryBuilder()
      .update(ComplaintAssignment)
      .set({ until: now, endedBy: by })
      .where('complaint_id = :id AND assigned_until IS NULL', { id: complaint.id })
      .execute();
    if (officer) {
      await manager.insert(ComplaintAssignment, {
        id: randomUUID(),
        complaintId: complaint.id,
        sequence: await nextSequence(manager, ComplaintAssignment, { complaintId: complaint.id }),
        officerSubject: officer.subject,
        officerName: officer.name,
        assignedBy: by,
        from: now,
        until: null,
        endedBy: null,
      });
    }
    return changed;
  });
}
