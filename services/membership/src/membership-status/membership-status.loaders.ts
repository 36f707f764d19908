import { listLoader, rowsWhereIn, type Database } from '../../../shared/src';
import { MembershipStatusEntry } from './membership-status.entity';

/** Per-request loaders of membership status histories: one statement for all the organizations asked. */
export function createMembershipStatusLoaders(database: Database) {
  const manager = database.dataSource.manager;
  return {
    /** Each organization's status history, oldest first. */
    statusHistory: listLoader<string, MembershipStatusEntry>(
      (ids) => rowsWhereIn(manager, MembershipStatusEntry, 'organizationId', ids, { sequence: 'ASC' }),
      (entry) => entry.organizationId,
    ),
  };
}
