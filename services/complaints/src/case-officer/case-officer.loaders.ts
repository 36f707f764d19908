import { In } from 'typeorm';
import { listLoader, type Database } from '../../../shared/src';
import { ComplaintAssignment } from './case-officer.entity';

/** Per-request loaders of case officers: one statement for the assignments of any number of complaints. */
export function createCaseOfficerLoaders(database: Database) {
  const manager = database.dataSource.manager;
  return {
    /** Each complaint's assignments, oldest first. */
    assignments: listLoader<string, ComplaintAssignment>(
      (ids) =>
        manager.find(ComplaintAssignment, { where: { complaintId: In([...ids]) }, order: { complaintId: 'ASC', sequence: 'ASC' } }),
      (assignment) => assignment.complaintId,
    ),
  };
}
