import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { CalendarDate, PageArgs, requireSecretariat, today } from '../../../shared/src';
import type { CertificationContext } from '../context';
import { requireCycleReader, visibleCompanyIds } from './self-assessment.access';
import { SelfAssessmentCycle } from './self-assessment.entity';
import { cycleCompanyIds, selfAssessmentPage, selfAssessmentView } from './self-assessment.service';
import { checkedCompanies, chosenCycle, cyclePage, listedCompanies, openCycle } from './self-assessment-cycle.service';
import { OpenSelfAssessmentCycleInput, SelfAssessmentConnection, SelfAssessmentCycleConnection } from './self-assessment.types';

/** The cycles the Secretariat sends, and where each covered company stands in them. */
@Resolver(() => SelfAssessmentCycle)
export class SelfAssessmentCycleResolver {
  @Query(() => SelfAssessmentCycleConnection, {
    nullable: true,
    description: 'The self-assessment cycles, latest year first, in pages of `first` (or `last`, backwards) (Secretariat and member companies).',
  })
  selfAssessmentCycles(
    @Args() page: PageArgs,
    @Ctx() { viewer, database }: CertificationContext,
  ) {
    requireCycleReader(viewer);
    return cyclePage(database, page);
  }

  @Query(() => SelfAssessmentCycle, {
    nullable: true,
    description: 'One self-assessment cycle, by id or by year (Secretariat and member companies). NOT_FOUND for an unknown id.',
  })
  selfAssessmentCycle(
    @Arg('id', () => ID, { nullable: true, description: 'The cycle.' }) id: string | null,
    @Arg('year', () => Int, { nullable: true, description: 'The year of the cycle, when no id is given.' }) year: number | null,
    @Ctx() { viewer, loaders }: CertificationContext,
  ): Promise<SelfAssessmentCycle> {
    requireCycleReader(viewer);
    return chosenCycle(loaders, { cycle: id, year });
  }

  @Mutation(() => SelfAssessmentCycle, {
    description:
      'Records a self-assessment cycle the Secretariat sends (Secretariat): it covers the companies of `organizationIds`, ' +
      'or by default every member or affiliate company (active or suspended) on `sentOn`; they answer from that day. A ' +
      'second cycle for a year, `dueOn` not after `sentOn`, or an id that is not a company is BAD_USER_INPUT.',
  })
  async openSelfAssessmentCycle(
    @Arg('input', () => OpenSelfAssessmentCycleInput, { description: 'The cycle.' }) input: OpenSelfAssessmentCycleInput,
    @Ctx() { viewer, loaders, database }: CertificationContext,
  ): Promise<SelfAssessmentCycle> {
    requireSecretariat(viewer);
    const listed = input.organizationIds == null ? null : await checkedCompanies(loaders, input.organizationIds);
    return openCycle(database, { year: input.year, sentOn: input.sentOn, dueOn: input.dueOn }, listed, viewer.subject ?? null);
  }

  @FieldResolver(() => SelfAssessmentConnection, {
    description:
      'The companies the cycle covers (and any that answered it anyway), by organization id, each with its status on ' +
      '`on`: SUBMITTED or REVIEWED once answered, else DUE until the due date and OVERDUE after it. The Secretariat sees ' +
      'every company; a member company its own row. In pages of `first` (or `last`, backwards).',
  })
  async companies(
    @Root() cycle: SelfAssessmentCycle,
    @Arg('on', () => CalendarDate, { nullable: true, description: 'The day the statuses are for; today when omitted.' }) on: string | null,
    @Args() page: PageArgs,
    @Ctx() { viewer, loaders }: CertificationContext,
  ) {
    requireCycleReader(viewer);
    const [companies, submissions, listed] = await Promise.all([
      cycle.companiesListed ? [] : loaders.membershipCompanies.load('all'),
      loaders.selfAssessmentsByYear.load(cycle.year),
      listedCompanies(loaders, cycle),
    ]);
    const ids = visibleCompanyIds(viewer, cycleCompanyIds(cycle, listed, companies, submissions));
    const byCompany = new Map(submissions.map((s) => [s.organizationId, s]));
    const day = on ?? today();
    return selfAssessmentPage(ids, (id) => selfAssessmentView(id, cycle, byCompany.get(id) ?? null, day), page);
  }
}
