import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { CalendarDate, requireSecretariat, today } from '../../../shared/src';
import type { CertificationContext } from '../context';
import { requireCycleReader, visibleCompanyIds } from './self-assessment.access';
import { SelfAssessmentCycle } from './self-assessment.entity';
import { cycleCompanyIds, selfAssessmentPage, selfAssessmentView } from './self-assessment.service';
import { chosenCycle, cyclePage, openCycle } from './self-assessment-cycle.service';
import { OpenSelfAssessmentCycleInput, SelfAssessmentConnection, SelfAssessmentCycleConnection } from './self-assessment.types';

/** The cycles the Secretariat sends, and where each covered company stands in them. */
@Resolver(() => SelfAssessmentCycle)
export class SelfAssessmentCycleResolver {
  @Query(() => SelfAssessmentCycleConnection, {
    nullable: true,
    description: 'The self-assessment cycles, latest year first (Secretariat and member companies).',
  })
  selfAssessmentCycles(
    @Arg('first', () => Int, { nullable: true, description: 'Page size: 1 to 100, default 20.' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor after which the page starts.' }) after: string | null,
    @Ctx() { viewer, database }: CertificationContext,
  ) {
    requireCycleReader(viewer);
    return cyclePage(database, { first, after });
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
      'Records a self-assessment cycle the Secretariat sends (Secretariat): it covers every member or affiliate company ' +
      '(active or suspended) on `sentOn`, which answer from that day. A second cycle for a year, or `dueOn` not after ' +
      '`sentOn`, is BAD_USER_INPUT.',
  })
  openSelfAssessmentCycle(
    @Arg('input', () => OpenSelfAssessmentCycleInput, { description: 'The cycle.' }) input: OpenSelfAssessmentCycleInput,
    @Ctx() { viewer, database }: CertificationContext,
  ): Promise<SelfAssessmentCycle> {
    requireSecretariat(viewer);
    return openCycle(database, { year: input.year, sentOn: input.sentOn, dueOn: input.dueOn }, viewer.subject ?? null);
  }

  @FieldResolver(() => SelfAssessmentConnection, {
    description:
      'The companies the cycle covers (and any that answered it anyway), by organization id, each with its status on ' +
      '`on`: SUBMITTED or REVIEWED once answered, else DUE until the due date and OVERDUE after it. The Secretariat sees ' +
      'every company; a member company its own row.',
  })
  async companies(
    @Root() cycle: SelfAssessmentCycle,
    @Arg('on', () => CalendarDate, { nullable: true, description: 'The day the statuses are for; today when omitted.' }) on: string | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size: 1 to 100, default 20.' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor after which the page starts.' }) after: string | null,
    @Ctx() { viewer, loaders }: CertificationContext,
  ) {
    requireCycleReader(viewer);
    const [companies, submissions] = await Promise.all([
      loaders.membershipCompanies.load('all'),
      loaders.selfAssessmentsByYear.load(cycle.year),
    ]);
    const ids = visibleCompanyIds(viewer, cycleCompanyIds(cycle, companies, submissions));
    const byCompany = new Map(submissions.map((s) => [s.organizationId, s]));
    const day = on ?? today();
    return selfAssessmentPage(ids, (id) => selfAssessmentView(id, cycle, byCompany.get(id) ?? null, day), { first, after });
  }
}
