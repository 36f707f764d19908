import { In } from 'typeorm';
import { listLoader, recordLoader, rowsWhereIn, type Database } from '../../../shared/src';
import { OrganizationChange } from './organization-change.entity';
import { OrganizationName } from './organization-name.entity';
import { OperatingCountry, Organization } from './organization.entity';

/** Per-request loaders of organizations and their record: one statement per kind of record, whatever the list length. */
export function createOrganizationLoaders(database: Database) {
  const manager = database.dataSource.manager;
  return {
    organization: recordLoader<string, Organization>(
      (ids) => rowsWhereIn(manager, Organization, 'id', ids),
      (organization) => organization.id,
    ),
    operatingCountries: listLoader<string, OperatingCountry>(
      (ids) => manager.find(OperatingCountry, { where: { organizationId: In([...ids]) }, order: { position: 'ASC' } }),
      (country) => country.organizationId,
    ),
    names: listLoader<string, OrganizationName>(
      (ids) =>
        manager.find(OrganizationName, {
          where: { organizationId: In([...ids]) },
          order: { validFrom: 'ASC', id: 'ASC' },
        }),
      (name) => name.organizationId,
    ),
    /** Names of any organization by skeleton: look-alikes of applicants' names. */
    namesBySkeleton: listLoader<string, OrganizationName>(
      (skeletons) =>
        manager.find(OrganizationName, { where: { skeleton: In([...skeletons]) }, order: { name: 'ASC', id: 'ASC' } }),
      (name) => name.skeleton,
    ),
    /** The change history of each organization, oldest first (the resolver filters what a viewer may see). */
    changes: listLoader<string, OrganizationChange>(
      (ids) => manager.find(OrganizationChange, { where: { organizationId: In([...ids]) }, order: { sequence: 'ASC' } }),
      (change) => change.organizationId,
    ),
  };
}
