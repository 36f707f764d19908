import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { Access, CalendarDate, notFound } from '../../../shared/src';
import {
  MembershipCategory,
  MembershipStatus,
  MembershipStatusEntry,
} from '../membership-status/membership-status.entity';
import { entryOn } from '../membership-status/membership-status.rules';
import { OrganizationName } from './organization-name.entity';
import { Contact } from '../contact/contact.entity';
import { Organization } from './organization.entity';
import type { MembershipContext } from '../context';
import { listOrganizations } from './organization.service';
import { OrganizationConnection, OrganizationFilter } from './organization.types';

/** The public directory: organizations, their status and history; contacts for the organization itself. */
@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => Organization, {
    nullable: true,
    description: 'One organization by id; NOT_FOUND when there is none.',
  })
  async organization(
    @Arg('id', () => ID, { description: 'Identifier of the organization.' }) id: string,
    @Ctx() { loaders }: MembershipContext): Promise<Organization> {
    const organization = await loaders.organization.load(id);
    if (!organization) throw notFound('Organization', id);
    return organization;
  }

  @Query(() => OrganizationConnection, {
    nullable: true,
    description: 'The directory of organizations, by name, in pages of `first` (default 20, at most 100).',
  })
  async organizations(
    @Arg('filter', () => OrganizationFilter, { nullable: true, description: 'Conditions the organizations must meet.' }) filter: OrganizationFilter | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size: 1 to 100, default 20.' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor after which the page starts.' })
    after: string | null,
    @Ctx() { database }: MembershipContext,
  ) {
    return listOrganizations(database, filter, { first, after });
  }

  @FieldResolver(() => [String], {
    description: 'Countries where the organization operates, ISO 3166-1 alpha-2 codes.',
  })
  async countriesOfOperation(@Root() organization: Organization, @Ctx() { loaders }: MembershipContext) {
    const countries = await loaders.operatingCountries.load(organization.id);
    return countries.map((c) => c.country);
  }

  @FieldResolver(() => [MembershipStatusEntry], {
    description: 'Every change of membership status, oldest first. Entries are never changed or removed.',
  })
  statusHistory(@Root() organization: Organization, @Ctx() { loaders }: MembershipContext) {
    return loaders.statusHistory.load(organization.id);
  }

  @FieldResolver(() => MembershipStatus, {
    nullable: true,
    description:
      'The membership status in force on `date`, from the dated history (for audits: "was X a member on ' +
      '2026-03-01?"). Null when the organization was not yet admitted on that date.',
  })
  async membershipStatusOn(
    @Root() organization: Organization,
    @Arg('date', () => CalendarDate, { description: 'The day asked about, YYYY-MM-DD.' }) date: string,
    @Ctx() { loaders }: MembershipContext,
  ): Promise<MembershipStatus | null> {
    return entryOn(await loaders.statusHistory.load(organization.id), date)?.status ?? null;
  }

  @FieldResolver(() => MembershipCategory, {
    nullable: true,
    description: 'The membership category in force on `date`; null when not yet admitted on that date.',
  })
  async membershipCategoryOn(
    @Root() organization: Organization,
    @Arg('date', () => CalendarDate, { description: 'The day asked about, YYYY-MM-DD.' }) date: string,
    @Ctx() { loaders }: MembershipContext,
  ): Promise<MembershipCategory | null> {
    return entryOn(await loaders.statusHistory.load(organization.id), date)?.category ?? null;
  }

  @FieldResolver(() => [OrganizationName], {
    description: 'Every name the organization is or was known by: registered first, then trading and former names.',
  })
  async names(@Root() organization: Organization, @Ctx() { loaders }: MembershipContext) {
    const rank = { REGISTERED: 0, TRADING: 1, FORMER: 2 };
    return [...(await loaders.names.load(organization.id))].sort((a, b) => rank[a.kind] - rank[b.kind]);
  }

  @Authorized(Access.Secretariat, Access.OwnOrganization)
  @FieldResolver(() => [Contact], {
    nullable: true,
    description: 'Contact persons. Only a member of this organization and the Secretariat may read them.',
  })
  contacts(@Root() organization: Organization, @Ctx() { loaders }: MembershipContext) {
    return loaders.contacts.load(organization.id);
  }
}
