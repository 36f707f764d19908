import { In } from 'typeorm';
import { listLoader, recordLoader, type Database, type RequestContext } from '../../shared/src';
import { MembershipStatusEntry } from './membership-status/membership-status.entity';
import { OrganizationChange } from './organization/organization-change.entity';
import { OrganizationName } from './organization/organization-name.entity';
import { Contact } from './contact/contact.entity';
import { OperatingCountry, Organization } from './organization/organization.entity';

/*
 * What a resolver of the membership subgraph receives: this request's loaders (one statement per kind of
 * record, whatever the list length). The membership subgraph asks no peer, so it has no services. Every
 * subgraph keeps its request context in its own context.ts.
 */

/** Per-request loaders of the membership subgraph: one statement per kind of record, whatever the list length. */
export function createMembershipLoaders(database: Database) {
  const manager = database.dataSource.manager;
  return {
    organization: recordLoader<string, Organization>(
      (ids) => manager.findBy(Organization, { id: In([...ids]) }),
      (organization) => organization.id,
    ),
    operatingCountries: listLoader<string, OperatingCountry>(
      (ids) => manager.find(OperatingCountry, { where: { organizationId: In([...ids]) }, order: { position: 'ASC' } }),
      (country) => country.organizationId,
    ),
    statusHistory: listLoader<string, MembershipStatusEntry>(
      (ids) =>
        manager.find(MembershipStatusEntry, { where: { organizationId: In([...ids]) }, order: { sequence: 'ASC' } }),
      (entry) => entry.organizationId,
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
    contacts: listLoader<string, Contact>(
      (ids) => manager.find(Contact, { where: { organizationId: In([...ids]) }, order: { name: 'ASC', id: 'ASC' } }),
      (contact) => contact.organizationId,
    ),
  };
}

export type MembershipLoaders = ReturnType<typeof createMembershipLoaders>;
export type MembershipContext = RequestContext<MembershipLoaders>;
