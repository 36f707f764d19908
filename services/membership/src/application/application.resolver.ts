import { randomUUID } from 'node:crypto';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
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
  requireSecretariat,
  text,
  today,
} from '../../../shared/src';
import { MembershipCategory, MembershipStatus } from '../membership-status/membership-status.entity';
import { categoryRefusal, certificationDeadlineFor } from '../membership-status/membership-status.rules';
import { appendStatusEntry } from '../membership-status/membership-status.service';
import { matchKey } from '../organization/name-matching.rules';
import { OrganizationName, OrganizationNameKind } from '../organization/organization-name.entity';
import { Contact, OperatingCountry, Organization, Pillar } from '../organization/organization.entity';
import type { MembershipContext } from '../organization/organization.loaders';
import { ApplicationDecision, ApplicationStatus, MembershipApplication } from './application.entity';

@InputType({ description: 'What an organization tells the Association when it applies for membership.' })
export class MembershipApplicationInput {
  @Field({ description: 'Registered name of the organization, 1 to 200 characters.' })
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

  @Field({ description: 'Name of the person the Secretariat should contact.' })
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
      organizationName: text(input.organizationName, 'input.organizationName', { max: 200 }),
      pillar: input.pillar,
      requestedCategory: input.requestedCategory,
      headquartersCountry: countryCode(input.headquartersCountry, 'input.headquartersCountry'),
      countriesOfOperation: countryCodes(input.countriesOfOperation ?? [], 'input.countriesOfOperation'),
      website: optionalWebsite(input.website, 'input.website'),
      codeImplementationPlan: plan,
      contactName: text(input.contactName, 'input.contactName', { max: 200 }),
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
      'entry and, for a company admitted as a member, its certification deadline. A decided application cannot ' +
      'be decided again.',
  })
  async decideMembershipApplication(
    @Arg('id', () => ID, { description: 'Identifier of the pending application.' }) id: string,
    @Arg('decision', () => ApplicationDecision, { description: 'Admit or reject.' }) decision: ApplicationDecision,
    @Arg('note', () => String, { nullable: true, description: 'The reasons, up to 2000 characters.' })
    note: string | null,
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
        organizationId = randomUUID();
        const joinedOn = today();
        const deadline = certificationDeadlineFor(application.pillar, application.requestedCategory, joinedOn);
        await manager.insert(Organization, {
          id: organizationId,
          name: application.organizationName,
          pillar: application.pillar,
          headquartersCountry: application.headquartersCountry,
          website: application.website,
          membershipCategory: application.requestedCategory,
          membershipStatus: MembershipStatus.ACTIVE,
          memberSince: joinedOn,
          certificationDeadline: deadline?.deadline ?? null,
          certificationDeadlineRule: deadline?.rule ?? null,
          version: 1,
        });
        await manager.insert(OrganizationName, {
          id: randomUUID(),
          organizationId,
          name: application.organizationName,
          kind: OrganizationNameKind.REGISTERED,
          matchKey: matchKey(application.organizationName),
          validFrom: joinedOn,
          validUntil: null,
        });
        const countries = [...new Set([application.headquartersCountry, ...application.countriesOfOperation])];
        if (countries.length) {
          await manager.insert(
            OperatingCountry,
            countries.map((country, position) => ({ organizationId: organizationId as string, country, position })),
          );
        }
        await manager.insert(Contact, {
          id: randomUUID(),
          organizationId,
          name: application.contactName,
          email: application.contactEmail,
          role: null,
          phone: null,
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

  @FieldResolver(() => Organization, {
    nullable: true,
    description: 'The organization created when the application was admitted.',
  })
  organization(@Root() application: MembershipApplication, @Ctx() { loaders }: MembershipContext) {
    return application.organizationId ? loaders.organization.load(application.organizationId) : null;
  }
}
