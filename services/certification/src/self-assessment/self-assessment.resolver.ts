import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  ConnectionType,
  decodeCursor,
  encodeCursor,
  forbidden,
  notFound,
  PageInfo,
  pageSize,
  requireSecretariat,
  text,
  unauthenticated,
} from '../../../shared/src';
import { isPrivateSecurityCompany } from '../membership/membership-facts';
import { listCompanies } from '../membership/membership.peer';
import { Organization, organizationReference } from '../organization/organization.entity';
import type { CertificationContext } from '../context';
import { SelfAssessment, SelfAssessmentRecord } from './self-assessment.entity';
import { maySubmitSelfAssessment } from './self-assessment.rules';
import * as service from './self-assessment.service';

@InputType({ description: 'A company\'s annual self-assessment, in its four areas (each 1 to 10000 characters).' })
export class SubmitSelfAssessmentInput {
  @Field(() => Int, { description: 'The year it is for: the current year, or an earlier year it was owed for.' })
  year: number;

  @Field({ description: 'Commitment to human rights: policies adopting the Code and how they are applied.' })
  humanRightsCommitment: string;

  @Field({ description: 'Human-rights due diligence: how risks to people are identified and addressed.' })
  humanRightsDueDiligence: string;

  @Field({ description: 'Grievance mechanism and incident reporting.' })
  grievanceAndIncidentReporting: string;

  @Field({ description: 'Training of personnel on the Code, the use of force and human rights.' })
  training: string;
}

export const SelfAssessmentConnection = ConnectionType(SelfAssessment, 'SelfAssessment', 'self-assessments');

/** The annual self-assessment: the company submits its own, the Secretariat reviews and follows up. */
@Resolver(() => SelfAssessment)
export class SelfAssessmentResolver {
  @Query(() => SelfAssessmentConnection, {
    description:
      'Member and affiliate companies that owe a self-assessment for `year` and have not submitted it (DUE, or ' +
      'OVERDUE after 31 December of that year), by organization id (Secretariat).',
  })
  async missingSelfAssessments(
    @Arg('year', () => Int, { description: 'The year of the cycle.' }) year: number,
    @Arg('first', () => Int, { nullable: true, description: 'Page size: 1 to 100, default 20.' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor after which the page starts.' }) after: string | null,
    @Ctx() { viewer, services, database }: CertificationContext,
  ) {
    requireSecretariat(viewer);
    const size = pageSize(first);
    const start = after ? String(decodeCursor(after, ['string'])[0]) : null;
    const missing = await service.missingSelfAssessments(database, await listCompanies(services.peers.membership), year);
    const rest = start === null ? missing : missing.filter((id) => id > start);
    const edges = rest.slice(0, size).map((id) => ({
      cursor: encodeCursor([id]),
      node: service.selfAssessmentView(id, year, null),
    }));
    return Object.assign(new SelfAssessmentConnection(), {
      edges,
      pageInfo: Object.assign(new PageInfo(), { hasNextPage: rest.length > size, endCursor: edges.at(-1)?.cursor ?? null }),
      countAll: async () => missing.length,
    });
  }

  @Mutation(() => SelfAssessment, {
    description:
      'Submits the self-assessment of the company the member token speaks for, once per year. Only member and ' +
      'affiliate companies submit (FORBIDDEN otherwise); a year already submitted or not owed is BAD_USER_INPUT.',
  })
  async submitSelfAssessment(
    @Arg('input', () => SubmitSelfAssessmentInput, { description: 'The self-assessment.' }) input: SubmitSelfAssessmentInput,
    @Ctx() { viewer, loaders, database }: CertificationContext,
  ): Promise<SelfAssessment> {
    if (viewer.role === 'public') throw unauthenticated();
    if (viewer.role !== 'member' || !viewer.organizationId) {
      throw forbidden('A company submits its own self-assessment, with a member token of that company');
    }
    const answers = {
      humanRightsCommitment: text(input.humanRightsCommitment, 'humanRightsCommitment', { max: 10000 }),
      humanRightsDueDiligence: text(input.humanRightsDueDiligence, 'humanRightsDueDiligence', { max: 10000 }),
      grievanceAndIncidentReporting: text(input.grievanceAndIncidentReporting, 'grievanceAndIncidentReporting', { max: 10000 }),
      training: text(input.training, 'training', { max: 10000 }),
    };
    const company = await loaders.membership.load(viewer.organizationId);
    if (!company) throw notFound('Organization', viewer.organizationId);
    if (
      !maySubmitSelfAssessment(isPrivateSecurityCompany(company), {
        status: company.membershipStatus,
        category: company.membershipCategory,
      })
    ) {
      throw forbidden('Only member and affiliate companies submit a self-assessment');
    }
    const record = await service.submitSelfAssessment(database, company, { year: input.year, ...answers }, viewer.subject ?? null);
    loaders.selfAssessmentsByOrganization.clear(company.id);
    return service.selfAssessmentView(company.id, record.year, record);
  }

  @Mutation(() => SelfAssessment, {
    description:
      'Marks a submitted self-assessment reviewed (Secretariat), with a note; the desk review is listed among the ' +
      'company\'s monitoring activities. Reviewing twice is BAD_USER_INPUT.',
  })
  async reviewSelfAssessment(
    @Arg('id', () => ID, { description: 'The submitted self-assessment.' }) id: string,
    @Arg('note', () => String, { description: 'The review note (company and Secretariat only). 1 to 4000 characters.' }) note: string,
    @Arg('expectedVersion', () => Int, { nullable: true, description: 'The `version` the review was based on.' })
    expectedVersion: number | null,
    @Ctx() { viewer, loaders, database }: CertificationContext,
  ): Promise<SelfAssessment> {
    requireSecretariat(viewer);
    const checkedNote = text(note, 'note', { max: 4000 });
    const record = await database.dataSource.manager.findOneBy(SelfAssessmentRecord, { id });
    if (!record) throw notFound('Self-assessment', id);
    const company = await loaders.membership.load(record.organizationId);
    if (!company) throw notFound('Organization', record.organizationId);
    const reviewed = await service.reviewSelfAssessment(database, record, company, {
      note: checkedNote,
      reviewedBy: viewer.subject ?? null,
      expectedVersion,
    });
    loaders.selfAssessmentsByOrganization.clear(record.organizationId);
    loaders.activitiesByOrganization.clear(record.organizationId);
    return service.selfAssessmentView(record.organizationId, reviewed.year, reviewed);
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The company.' })
  organization(@Root() assessment: SelfAssessment): Organization {
    return organizationReference(assessment.organizationId);
  }
}
