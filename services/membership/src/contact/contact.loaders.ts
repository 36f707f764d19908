import { In } from 'typeorm';
import { listLoader, type Database } from '../../../shared/src';
import { Contact } from './contact.entity';

/** Per-request loaders of contacts: one statement for all the organizations asked. */
export function createContactLoaders(database: Database) {
  const manager = database.dataSource.manager;
  return {
    /** Each organization's contact persons, by name. */
    contacts: listLoader<string, Contact>(
      (ids) => manager.find(Contact, { where: { organizationId: In([...ids]) }, order: { name: 'ASC', id: 'ASC' } }),
      (contact) => contact.organizationId,
    ),
  };
}
