import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { forbidden, notFound, PageArgs, requireSecretariat, text, unauthenticated } from '../../../shared/src';
import { isPrivateSecurityCompany } from '../membership/membership-facts';
import { Organization, organizationReference } from '../organization/organization.entity';
import type { CertificationContext } from '../context';
import { SelfAssessment, SelfAssessmentCycle } from './self-assessment.entity';
import { chosenCycle, listedCompanies } from './self-assessment-cycle.service';
import { maySubmitSelfAssessment } from './self-assessment.rules';
import * as service from './self-assessment.service';
import { SelfAssessmentConnection, SubmitSelfAssessmentInput } from './self-assessment.types';

/** The self-assessment: the company answers each cycle, the Secretariat reviews and follows up. */
@Resolver(() => SelfAssessment)
export class SelfAssessmentResolver {
  @Query(() => SelfAssessmentConnection, {
    nullable: true,
    description:
      'The companies a self-assessment cycle covers that have not answered it (DUE, or OVERDUE after the cycle\'s due ' +
      'date), by organization id, in pages of `first` (or `last`, backwards) (Secretariat). Name the cycle by `cycle`, or by `year`.',
  })
  async missingSelfAssessments(
    @Arg('cycle', () => ID, { nullable: true, description: 'The cycle.' }) cycle: string | null,
    @Arg('year', () => Int, {
      nullable: true,
      description: 'The year of the cycle, when `cycle` is not given (what this query took before cycles had ids); BAD_USER_INPUT when that year has no cycle.',
    })
    year: number | null,
    @Args() page: PageArgs,
    @Ctx() { viewer, loaders, database }: CertificationContext,
  ) {
    requireSecretariat(viewer);
    const chosen = await chosenCycle(loaders, { cycle, year });
    const listed = await listedCompanies(loaders, chosen);
    return service.missingSelfAssessmentPage(database, await loaders.membershipCompanies.load('all'), chosen, listed, page);
  }

  @Mutation(() => SelfAssessment, {
    description:
      'Submits the self-assessment of the company the member token speaks for, once per cycle. Only member and ' +
      'affiliate companies submit (FORBIDDEN otherwise); a year without a cycle, a cycle not yet sent, a cycle that ' +
      'does not cover the company, or one already answered is BAD_USER_INPUT, and nothing is stored.',
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
    const cycle = await chosenCycle(loaders, { cycle: null, year: input.year });
    const listed = await listedCompanies(loaders, cycle);
    const record = await service.submitSelfAssessment(database, company, cycle, listed, answers, viewer.subject ?? null);
    loaders.selfAssessmentsByOrganization.clear(company.id);
    loaders.selfAssessmentsByYear.clear(cycle.year);
    return service.selfAssessmentView(company.id, cycle, record);
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
    loaders.selfAssessmentsByYear.clear(record.year);
    loaders.activitiesByOrganization.clear(record.organizationId);
    // Every submission belongs to the cycle of its year (submitting needs one; the migration made those before).
    const cycle = await chosenCycle(loaders, { cycle: null, year: reviewed.year });
    return service.selfAssessmentView(record.organizationId, cycle, reviewed);
  }

  @FieldResolver(() => SelfAssessmentCycle, { nullable: true, description: 'The cycle it answers.' })
  cycle(@Root() assessment: SelfAssessment, @Ctx() { loaders }: CertificationContext): Promise<SelfAssessmentCycle | null> {
    return loaders.selfAssessmentCycleById.load(assessment.cycleId);
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The company.' })
  organization(@Root() assessment: SelfAssessment): Organization {
    return organizationReference(assessment.organizationId);
  }
}
