import {
  badUserInput,
  checkExpectedVersion,
  countryCode,
  countryCodes,
  paginateOrdered,
  today,
  updateVersioned,
  type Database,
  type PageRequest,
  type SortOrder,
} from '../../../shared/src';
import {
  certificationStatusCondition,
  certifiedCountriesCondition,
  standardsCondition,
  standingCondition,
  type Condition,
} from './directory-standing';
import { governmentKindRefusal } from './government-kind.rules';
import { searchByName } from './name-index';
import { OperatingCountry, Organization, type GovernmentKind } from './organization.entity';
import { OrganizationConnection, OrganizationOrder, type OrganizationFilter } from './organization.types';

/**
 * The public directory: a page of organizations by name, filtered by pillar, observer kinds, government kind,
 * Montreux Document participation, categories, statuses, country (headquarters or operations), standing, certification
 * status, standards and countries of a certificate in force (from the copies of certification-copy/) and part of a
 * name. `totalCount` is exact and counted only when asked; for a search it reads the names holding the search's rarest
 * trigram (docs/search.md); for a country with pillar, statuses and standings, the directory index alone.
 */
export async function listOrganizations(
  database: Database,
  filter: OrganizationFilter | null,
  page: PageRequest,
  order: OrganizationOrder = OrganizationOrder.NAME,
) {
  const query = database.dataSource.getRepository(Organization).createQueryBuilder('organization');
  const country = filter?.country ? countryCode(filter.country, 'filter.country') : null;
  // A country's page is read from its copies in name order (ix_operating_country_directory, forwards or
  // backwards); they hold no admission date, so the orders by admission are refused there, not sorted in memory.
  if (country && !BY_NAME.has(order)) {
    throw badUserInput(`With a country, the directory is sorted by name only (NAME or NAME_DESCENDING), not ${order}`, 'orderBy');
  }
  // With a country, the page is read from the directory index of operating countries (headquarters
  // included), which repeats pillar, status and name: one range, in name order, whatever the size.
  const filtered = country ? 'in_country' : 'organization';
  if (country) {
    query.innerJoin(OperatingCountry, 'in_country', 'in_country.organization_id = organization.id AND in_country.country = :country', { country });
  }
  if (filter?.pillar) query.andWhere(`${filtered}.pillar = :pillar`, { pillar: filter.pillar });
  if (filter?.observerKinds?.length) {
    query.andWhere('organization.observer_kind IN (:...observerKinds)', { observerKinds: filter.observerKinds });
  }
  if (filter?.governmentKind) query.andWhere('organization.government_kind = :governmentKind', { governmentKind: filter.governmentKind });
  if (filter?.montreuxDocumentParticipant != null) {
    // The open periods, read through ix_montreux_participation_open (montreux-document/); a few dozen at most.
    query.andWhere(
      `organization.id ${filter.montreuxDocumentParticipant ? 'IN' : 'NOT IN'} ` +
        '(SELECT m.organization_id FROM montreux_document_participation m WHERE m.until IS NULL)',
    );
  }
  if (filter?.categories?.length) {
    query.andWhere('organization.membership_category IN (:...categories)', { categories: filter.categories });
  }
  if (filter?.statuses?.length) {
    query.andWhere(`${filtered}.membership_status IN (:...statuses)`, { statuses: filter.statuses });
  }
  // Standing and certification filters compare the copies' dates with today's date (directory-standing.ts).
  const day = today();
  const and = (condition: Condition) => query.andWhere(condition.sql, condition.parameters);
  const standing = filter?.standings?.length ? standingCondition(filtered, filter.standings, day) : null;
  if (standing) and(standing);
  if (filter?.certificationStatuses?.length) and(certificationStatusCondition('organization', filter.certificationStatuses, day));
  if (filter?.standards?.length) and(standardsCondition('organization', filter.standards, day));
  if (filter?.certifiedCountries?.length) {
    and(certifiedCountriesCondition('organization', countryCodes(filter.certifiedCountries, 'filter.certifiedCountries'), day));
  }
  const search = await searchByName(database.dataSource.manager, query, filter?.search, 'filter.search');
  // Country, pillar and statuses alone are counted from the index, without reading the organizations.
  const countFromIndex =
    country && !search.searched && !filter?.categories?.length && !filter?.observerKinds?.length && !filter?.governmentKind &&
      filter?.montreuxDocumentParticipant == null && !filter?.certificationStatuses?.length && !filter?.standards?.length &&
      !filter?.certifiedCountries?.length
      ? async () => {
          const count = database.dataSource
            .getRepository(OperatingCountry)
            .createQueryBuilder('in_country')
            .select('COUNT(*)', 'count')
            .where('in_country.country = :country', { country });
          if (filter?.pillar) count.andWhere('in_country.pillar = :pillar', { pillar: filter.pillar });
          if (filter?.statuses?.length) count.andWhere('in_country.membership_status IN (:...statuses)', { statuses: filter.statuses });
          if (standing) count.andWhere(standing.sql, standing.parameters);
          return Number((await count.getRawOne<{ count: number | string }>())?.count ?? 0);
        }
      : search.count;
  return paginateOrdered(OrganizationConnection, query, organizationOrder(order, filtered), page, countFromIndex);
}

const BY_NAME = new Set([OrganizationOrder.NAME, OrganizationOrder.NAME_DESCENDING]);

/**
 * The directory's orders, each ending in the id so it is total. By name: ix_organization_name (or, with a
 * country, the copies' ix_operating_country_directory), read backwards for Z to A. By admission:
 * ix_organization_member_since, or ix_organization_pillar_member_since with a pillar; organizations not
 * admitted have no `member_since` and come last (paginateOrdered's nullable first key).
 */
function organizationOrder(order: OrganizationOrder, filtered: 'organization' | 'in_country'): SortOrder<Organization> {
  const id = { column: filtered === 'in_country' ? 'in_country.organization_id' : 'organization.id', value: (o: Organization) => o.id };
  switch (order) {
    case OrganizationOrder.NAME:
    case OrganizationOrder.NAME_DESCENDING: {
      const descending = order === OrganizationOrder.NAME_DESCENDING;
      return { name: order, keys: [{ column: `${filtered}.name`, value: (o) => o.name, descending }, { ...id, descending }] };
    }
    case OrganizationOrder.ADMITTED_NEWEST_FIRST:
    case OrganizationOrder.ADMITTED_OLDEST_FIRST: {
      const descending = order === OrganizationOrder.ADMITTED_NEWEST_FIRST;
      return {
        name: order,
        keys: [{ column: 'organization.member_since', value: (o) => o.memberSince, descending, nullable: true }, { ...id, descending }],
      };
    }
  }
}

/** Sets a government organization's kind, only if nobody changed the organization since it was read. */
export async function correctGovernmentKind(
  database: Database,
  organization: Organization,
  governmentKind: GovernmentKind,
  expectedVersion: number | null,
): Promise<Organization> {
  checkExpectedVersion(organization, 'Organization', expectedVersion);
  const refusal = governmentKindRefusal(organization.pillar, governmentKind, organization.observerKind);
  if (refusal) throw badUserInput(refusal, 'governmentKind');
  return database.transaction((manager) => updateVersioned(manager, Organization, organization, { governmentKind }, 'Organization'));
}
