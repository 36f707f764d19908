import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { notFound, PageArgs, requireSecretariat } from '../../../shared/src';
import { OrganizationName } from './organization-name.entity';
import { GovernmentKind, Organization } from './organization.entity';
import type { MembershipContext } from '../context';
import { correctGovernmentKind, listOrganizations } from './organization.service';
import { OrganizationConnection, OrganizationFilter, OrganizationOrder } from './organization.types';

/** The public directory: organizations and their names. */
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
    description:
      'The directory of organizations in `orderBy` (by name by default), in pages of `first` (default 20, at most 100) ' +
      'read forwards, or of `last` read backwards from the end or from `before`.',
  })
  async organizations(
    @Arg('filter', () => OrganizationFilter, { nullable: true, description: 'Conditions the organizations must meet.' }) filter: OrganizationFilter | null,
    @Arg('orderBy', () => OrganizationOrder, {
      defaultValue: OrganizationOrder.NAME,
      description: 'How the organizations are sorted; a cursor is valid only in the order it was read in.',
    })
    orderBy: OrganizationOrder,
    @Args() page: PageArgs,
    @Ctx() { database }: MembershipContext,
  ) {
    return listOrganizations(database, filter, page, orderBy);
  }

  @Mutation(() => Organization, {
    description:
      'Corrects (Secretariat) whether an organization of the GOVERNMENT pillar, or an observer of the kind GOVERNMENT, is a ' +
      'State or an intergovernmental organization, e.g. one the migration read wrongly from its name. BAD_USER_INPUT for ' +
      'any other organization; CONFLICT ' +
      'if the organization changed since `expectedVersion`.',
  })
  async correctGovernmentKind(
    @Arg('organizationId', () => ID, { description: 'The organization concerned.' }) organizationId: string,
    @Arg('governmentKind', () => GovernmentKind, { description: 'What it is.' }) governmentKind: GovernmentKind,
    @Arg('expectedVersion', () => Int, { nullable: true, description: 'The `version` the correction was based on.' })
    expectedVersion: number | null,
    @Ctx() { viewer, loaders, database }: MembershipContext,
  ): Promise<Organization> {
    requireSecretariat(viewer);
    const organization = await loaders.organization.load(organizationId);
    if (!organization) throw notFound('Organization', organizationId);
    const changed = await correctGovernmentKind(database, organization, governmentKind, expectedVersion);
    loaders.organization.clear(organizationId).prime(organizationId, changed);
    return changed;
  }

  @FieldResolver(() => [OrganizationName], {
    description: 'Every name the organization is or was known by: registered first, then trading and former names.',
  })
  async names(@Root() organization: Organization, @Ctx() { loaders }: MembershipContext) {
    const rank = { REGISTERED: 0, TRADING: 1, FORMER: 2 };
    return [...(await loaders.names.load(organization.id))].sort((a, b) => rank[a.kind] - rank[b.kind]);
  }
}
