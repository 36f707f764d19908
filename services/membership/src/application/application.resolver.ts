import { randomUUID } from 'node:crypto';
import { Arg, Authorized, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import {
  Access,
  badUserInput,
  conflict,
  ConnectionType,
  countryCode,
  countryCodes,
  email,
  notFound,
  nowTimestamp,
  optionalText,
  optionalWebsite,
  paginate,
  personOrOrganizationName,
  requireSecretariat,
  today,
} from '../../../shared/src';
import { MembershipCategory, MembershipStatus } from '../membership-status/membership-status.entity';
import { categoryRefusal, certificationDeadlineFor } from '../membership-status/membership-status.rules';
import { appendStatusEntry } from '../membership-status/membership-status.service';
import { nameSkeleton } from '../organization/name-matching.rules';
import { recordOrganizationName } from '../organization/organization-names.service';
import { namesLookingLike } from '../organization/organization-profile.service';
import { OrganizationName, OrganizationNameKind } from '../organization/organization-name.entity';
import { Contact, OperatingCountry, Organization, Pillar } from '../organization/organization.entity';
import type { MembershipContext, MembershipLoaders } from '../organization/organization.loaders';
import { ApplicationDecision, ApplicationStatus, MembershipApplication, PossibleDuplicate } from './application.entity';
import { refreshDirectoryCopies } from '../organization/directory-copies';

@InputType({ description: 'What an organization tells the Association when it applies for membership.' })
export class MembershipApplicationInput {
  @Field({
    description:
      'Registered name of the organization, 1 to 200 characters. Stored NFKC-normalized; control characters and ' +
      'invisible formatting (zero-width space, bidirectional overrides, ...) are refused.',
  })
  organizationName: string;

  @Field(() => Pillar, { description: 'The pillar the organization belongs to.' })
  pillar: Pillar;

  @Field(() => MembershipCategory, {
    description: 'MEMBER; AFFILIATE for companies only; OBSERVER for States, IGOs and civil society only.',
  })
  requestedCategory: MembershipCategory;

  @Field({ description: 'Country of the headquarters, ISO 3166-1 alpha-2.' })
  headquartersCountry: string;

  @Field(() => [String], { nullable: true, description: 'Countries of operation, ISO 3166-1 alpha-2.' })
  countriesOfOperation?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Public website, http(s).' })
  website?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Required for companies: the written plan of how the company implements the Code (up to 20 000 characters).',
  })
  codeImplementationPlan?: string | null;

  @Field({ description: 'Name of the person the Secretariat should contact, 1 to 200 characters (checked as organizationName).' })
  contactName: string;

  @Field({ description: 'E-mail address of that person.' })
  contactEmail: string;
}

export const MembershipApplicationConnection = ConnectionType(
  MembershipApplication,
  'MembershipApplication',
  'membership applications',
);

/** Applications for membership: anyone may apply; the Secretariat reviews and decides. */
@Resolver(() => MembershipApplication)
export class MembershipApplicationResolver {
  @Mutation(() => MembershipApplication, {
    description: 'Applies for membership. Public: no account is needed. The Secretariat reviews the application.',
  })
  async submitMembershipApplication(
    @Arg('input', () => MembershipApplicationInput, { description: 'The application.' }) input: MembershipApplicationInput,
    @Ctx() { database }: MembershipContext,
  ): Promise<MembershipApplication> {
    const refusal = categoryRefusal(input.pillar, input.requestedCategory);
    if (refusal) throw badUserInput(refusal, 'input.requestedCategory');
    const plan = optionalText(input.codeImplementationPlan, 'input.codeImplementationPlan', 20_000);
    if (input.pillar === Pillar.PRIVATE_SECURITY_COMPANY && !plan) {
      throw badUserInput('A company must describe how it implements the Code', 'input.codeImplementationPlan');
    }
    const application = database.dataSource.manager.create(MembershipApplication, {
      id: randomUUID(),
      organizationName: personOrOrganizationName(input.organizationName, 'input.organizationName', { max: 200 }),
      pillar: input.pillar,
      requestedCategory: input.requestedCategory,
      headquartersCountry: countryCode(input.headquartersCountry, 'input.headquartersCountry'),
      countriesOfOperation: countryCodes(input.countriesOfOperation ?? [], 'input.countriesOfOperation'),
      website: optionalWebsite(input.website, 'input.website'),
      codeImplementationPlan: plan,
      contactName: personOrOrganizationName(input.contactName, 'input.contactName', { max: 200 }),
      contactEmail: email(input.contactEmail, 'input.contactEmail'),
      status: ApplicationStatus.PENDING,
      submittedAt: nowTimestamp(),
      decidedAt: null,
      decidedBy: null,
      decisionNote: null,
      organizationId: null,
      version: 1,
    });
    // Through the transaction queue: on SQLite a bare insert could join (and roll back with) another request's transaction.
    await database.transaction((manager) => manager.insert(MembershipApplication, application));
    return application;
  }

  @Query(() => MembershipApplicationConnection, {
    description: 'The Secretariat\'s review queue, oldest first (Secretariat only).',
  })
  async membershipApplications(
    @Arg('status', () => ApplicationStatus, { nullable: true, description: 'Only applications in this state.' })
    status: ApplicationStatus | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size: 1 to 100, default 20.' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor after which the page starts.' })
    after: string | null,
    @Ctx() { viewer, database }: MembershipContext,
  ) {
    requireSecretariat(viewer);
    const query = database.dataSource.getRepository(MembershipApplication).createQueryBuilder('application');
    if (status) query.where('application.status = :status', { status });
    return paginate(
      MembershipApplicationConnection,
      query,
      [
        { column: 'application.submitted_at', value: (a) => a.submittedAt },
        { column: 'application.id', value: (a) => a.id },
      ],
      { first, after },
    );
  }

  @Query(() => MembershipApplication, { nullable: true, description: 'One application by id (Secretariat only).' })
  async membershipApplication(
    @Arg('id', () => ID, { description: 'Identifier of the application.' }) id: string,
    @Ctx() { viewer, database }: MembershipContext) {
    requireSecretariat(viewer);
    const application = await database.dataSource.manager.findOneBy(MembershipApplication, { id });
    if (!application) throw notFound('Membership application', id);
    return application;
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
    @Ctx() { viewer, database }: MembershipContext,
  ): Promise<MembershipApplication> {
    requireSecretariat(viewer);
    const decisionNote = optionalText(note, 'note', 2000);
    const application = await database.dataSource.manager.findOneBy(MembershipApplication, { id });
    if (!application) throw notFound('Membership application', id);
    if (application.status !== ApplicationStatus.PENDING) {
      throw badUserInput(`This application was already ${application.status.toLowerCase()}`, 'id');
    }
    const decidedAt = nowTimestamp();
    return database.transaction(async (manager) => {
      let organizationId: string | null = null;
      if (decision === ApplicationDecision.ADMIT) {
        const organizationName = storedName(application.organizationName, 'organization name');
        const contactName = storedName(application.contactName, 'contact name');
        // Read in the transaction, so that an organization admitted meanwhile counts too.
        const similar = await similarNames(manager, organizationName);
        if (similar.length && acknowledgeSimilarNames !== true) {
          const organizations = new Set(similar.map((name) => name.organizationId)).size;
          throw badUserInput(
            `The applicant's name looks like a name of ${organizations} organization(s) already known (see ` +
              'possibleDuplicates); admit with acknowledgeSimilarNames: true once you have checked that it is a ' +
              'different organization',
            'acknowledgeSimilarNames',
          );
        }
        organizationId = randomUUID();
        const joinedOn = today();
        const deadline = certificationDeadlineFor(application.pillar, application.requestedCategory, joinedOn);
        await manager.insert(Organization, {
          id: organizationId,
          name: organizationName,
          pillar: application.pillar,
          headquartersCountry: application.headquartersCountry,
          website: application.website,
          membershipCategory: application.requestedCategory,
          membershipStatus: MembershipStatus.ACTIVE,
          memberSince: joinedOn,
          certificationDeadline: deadline?.deadline ?? null,
          certificationDeadlineRule: deadline?.rule ?? null,
          regionsOfOperation: null,
          externalReference: null,
          version: 1,
        });
        await recordOrganizationName(manager, {
          organizationId,
          name: organizationName,
          kind: OrganizationNameKind.REGISTERED,
          validFrom: joinedOn,
        });
        const countries = [...new Set([application.headquartersCountry, ...application.countriesOfOperation])];
        if (countries.length) {
          await manager.insert(
            OperatingCountry,
            countries.map((country, position) => ({ organizationId: organizationId as string, country, position })),
          );
          await refreshDirectoryCopies(manager, [organizationId as string]);
        }
        await manager.insert(Contact, {
          id: randomUUID(),
          organizationId,
          name: contactName,
          email: application.contactEmail,
          role: null,
          phone: null,
          version: 1,
        });
        await appendStatusEntry(manager, {
          organizationId,
          status: MembershipStatus.ACTIVE,
          category: application.requestedCategory,
          effectiveFrom: joinedOn,
          reason: decisionNote ?? 'Admitted on application',
          decidedBy: viewer.subject ?? null,
        });
      }
      const result = await manager
        .createQueryBuilder()
        .update(MembershipApplication)
        .set({
          status: decision === ApplicationDecision.ADMIT ? ApplicationStatus.ADMITTED : ApplicationStatus.REJECTED,
          decidedAt,
          decidedBy: viewer.subject ?? null,
          decisionNote,
          organizationId,
          version: () => 'version + 1',
        })
        .where('id = :id AND version = :version', { id, version: application.version })
        .execute();
      if (result.affected !== 1) throw conflict('This application was decided by someone else meanwhile');
      return manager.findOneByOrFail(MembershipApplication, { id });
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

const NAME_KIND_ORDER = { REGISTERED: 0, TRADING: 1, FORMER: 2 } as const;

/** The look-alike names of other organizations, registered names first: one statement per page through the loader. */
async function possibleDuplicatesOf(application: MembershipApplication, loaders: MembershipLoaders): Promise<PossibleDuplicate[]> {
  const names = await loaders.namesBySkeleton.load(nameSkeleton(application.organizationName));
  return names
    .filter((name) => name.organizationId !== application.organizationId)
    .sort((a, b) => NAME_KIND_ORDER[a.kind] - NAME_KIND_ORDER[b.kind] || a.name.localeCompare(b.name))
    .map((name) =>
      Object.assign(new PossibleDuplicate(), { organizationId: name.organizationId, name: name.name, nameKind: name.kind }),
    );
}

function similarNames(manager: EntityManager, organizationName: string): Promise<OrganizationName[]> {
  return namesLookingLike(manager, organizationName);
}

/** A name stored before names were checked may hold control or format characters: such an application is never admitted. */
function storedName(value: string, what: string): string {
  try {
    return personOrOrganizationName(value, what, { max: 200 });
  } catch {
    throw badUserInput(`The application's ${what} holds characters a name cannot have; reject it and ask for a new application`, 'id');
  }
}
