import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { forbidden, notFound, requireSecretariat, text, unauthenticated } from '../../../shared/src';
import { isPrivateSecurityCompany } from '../membership/membership-facts';
import { listCompanies } from '../membership/membership.peer';
import { Organization, organizationReference } from '../organization/organization.entity';
import type { CertificationContext } from '../context';
import { SelfAssessment } from './self-assessment.entity';
import { maySubmitSelfAssessment } from './self-assessment.rules';
import * as service from './self-assessment.service';
import { SelfAssessmentConnection, SubmitSelfAssessmentInput } from './self-assessment.types';

/** The annual self-assessment: the company submits its own, the Secretariat reviews and follows up. */
@Resolver(() => SelfAssessment)
export class SelfAssessmentResolver {
  @Query(() => SelfAssessmentConnection, {
    nullable: true,
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
    return service.missingSelfAssessmentPage(database, await listCompanies(services.peers.membership), year, { first, after });
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
    const record = await service.submittedSelfAssessment(database, id);
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
