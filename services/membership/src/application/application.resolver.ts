import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Access, countryName, Language, LANGUAGE_ARGUMENT, notFound, optionalText, PageArgs, requireSecretariat } from '../../../shared/src';
import { Organization } from '../organization/organization.entity';
import type { MembershipContext } from '../context';
import { ApplicationDecision, ApplicationStatus, MembershipApplication, PossibleDuplicate } from './application.entity';
import {
  decideApplication,
  findApplication,
  listApplications,
  possibleDuplicatesOf,
  submitApplication,
} from './application.service';
import { MembershipApplicationConnection, MembershipApplicationInput, MembershipApplicationOrder } from './application.types';

/** Applications for membership: anyone may apply; the Secretariat reviews and decides. */
@Resolver(() => MembershipApplication)
export class MembershipApplicationResolver {
  @FieldResolver(() => String, { description: 'Name of `headquartersCountry` in the language asked.' })
  headquartersCountryName(
    @Root() application: MembershipApplication,
    @Arg('language', () => Language, LANGUAGE_ARGUMENT) language: Language,
  ): string {
    return countryName(application.headquartersCountry, language);
  }

  @FieldResolver(() => [String], { description: 'Names of `countriesOfOperation` in the language asked, in the same order as the codes.' })
  countriesOfOperationNames(
    @Root() application: MembershipApplication,
    @Arg('language', () => Language, LANGUAGE_ARGUMENT) language: Language,
  ): string[] {
    return application.countriesOfOperation.map((code) => countryName(code, language));
  }

  @Mutation(() => MembershipApplication, {
    description: 'Applies for membership. Public: no account is needed. The Secretariat reviews the application.',
  })
  submitMembershipApplication(
    @Arg('input', () => MembershipApplicationInput, { description: 'The application.' }) input: MembershipApplicationInput,
    @Ctx() { database }: MembershipContext,
  ): Promise<MembershipApplication> {
    return submitApplication(database, input);
  }

  @Query(() => MembershipApplicationConnection, {
    nullable: true,
    description:
      'The Secretariat\'s review queue in `orderBy` (oldest first by default), in pages read forwards (`first`/`after`) ' +
      'or backwards (`last`/`before`) (Secretariat only).',
  })
  async membershipApplications(
    @Arg('status', () => ApplicationStatus, { nullable: true, description: 'Only applications in this state.' })
    status: ApplicationStatus | null,
    @Arg('orderBy', () => MembershipApplicationOrder, {
      defaultValue: MembershipApplicationOrder.SUBMITTED_OLDEST_FIRST,
      description: 'How the applications are sorted; a cursor is valid only in the order it was read in.',
    })
    orderBy: MembershipApplicationOrder,
    @Args() page: PageArgs,
    @Ctx() { viewer, database }: MembershipContext,
  ) {
    requireSecretariat(viewer);
    return listApplications(database, status, page, orderBy);
  }

  @Query(() => MembershipApplication, { nullable: true, description: 'One application by id (Secretariat only).' })
  async membershipApplication(
    @Arg('id', () => ID, { description: 'Identifier of the application.' }) id: string,
    @Ctx() { viewer, database }: MembershipContext) {
    requireSecretariat(viewer);
    return findApplication(database, id);
  }

  @Mutation(() => MembershipApplication, {
    description:
      'Decides a pending application (Secretariat). ADMIT creates the organization, its first membership status ' +
      'entry and, for a company admitted as a member, its certification deadline. ADMIT of an application with ' +
      '`possibleDuplicates` needs `acknowledgeSimilarNames: true`. A decided application cannot be decided again.',
  })
  async decideMembershipApplication(
    @Arg('id', () => ID, { description: 'Identifier of the pending application.' }) id: string,
    @Arg('decision', () => ApplicationDecision, { description: 'Admit or reject.' }) decision: ApplicationDecision,
    @Arg('note', () => String, { nullable: true, description: 'The reasons, up to 2000 characters.' })
    note: string | null,
    @Arg('acknowledgeSimilarNames', () => Boolean, {
      nullable: true,
      description:
        'True when the Secretariat has checked the application\'s `possibleDuplicates` and admits it all the same ' +
        '(a different organization with a similar name). ADMIT without it is refused while there are any.',
    })
    acknowledgeSimilarNames: boolean | null,
    @Ctx() { viewer, database, services }: MembershipContext,
  ): Promise<MembershipApplication> {
    requireSecretariat(viewer);
    const decisionNote = optionalText(note, 'note', 2000);
    const application = await findApplication(database, id);
    return decideApplication(database, application, {
      decision,
      note: decisionNote,
      acknowledgeSimilarNames,
      decidedBy: viewer.subject ?? null,
      deadlineFirstYear: services.settings.deadlineFirstYear,
    });
  }

  @Authorized(Access.Secretariat)
  @FieldResolver(() => [PossibleDuplicate], {
    nullable: true,
    description:
      'Organizations with a registered, trading or former name that looks like the applicant\'s (Secretariat ' +
      'only). The applicant may pose as one of them: admitting it needs `acknowledgeSimilarNames: true`. Empty ' +
      'when there are none; an admitted application does not list its own organization.',
  })
  async possibleDuplicates(
    @Root() application: MembershipApplication,
    @Ctx() { loaders }: MembershipContext,
  ): Promise<PossibleDuplicate[]> {
    return possibleDuplicatesOf(application, loaders);
  }

  @FieldResolver(() => Organization, {
    nullable: true,
    description: 'The organization created when the application was admitted.',
  })
  organization(@Root() application: MembershipApplication, @Ctx() { loaders }: MembershipContext) {
    return application.organizationId ? loaders.organization.load(application.organizationId) : null;
  }
}

/** Resolves `PossibleDuplicate.organization`; one statement for every duplicate of a page of applications. */
@Resolver(() => PossibleDuplicate)
export class PossibleDuplicateResolver {
  @FieldResolver(() => Organization, { description: 'The organization whose name looks like the applicant\'s.' })
  async organization(@Root() duplicate: PossibleDuplicate, @Ctx() { loaders }: MembershipContext): Promise<Organization> {
    const organization = await loaders.organization.load(duplicate.organizationId);
    if (!organization) throw notFound('Organization', duplicate.organizationId);
    return organization;
  }
}
