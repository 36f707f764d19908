import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { badUserInput } from '../../../shared/src';
import type { CertificationContext } from '../context';
import { Organization } from '../organization/organization.entity';
import { SelfAssessment, type SelfAssessmentCycle } from './self-assessment.entity';
import { companyCycles } from './self-assessment.rules';
import { companyOf, currentYear, selfAssessmentView } from './self-assessment.service';
import { listedCompanies } from './self-assessment-cycle.service';

/** What the self-assessment cycles add to `Organization`: its entry in each cycle that covered it or that it answered. */
@Resolver(() => Organization)
export class SelfAssessmentOrganizationFields {
  @FieldResolver(() => [SelfAssessment], {
    nullable: true,
    description:
      'The company\'s self-assessments, one per cycle of the years `fromYear` to `toYear` that covered it (it was a ' +
      'member or affiliate company when the cycle was sent) or that it answered, each due on its cycle\'s due date. ' +
      'Status and dates are public; the answers are for the company itself and the Secretariat.',
  })
  async selfAssessments(
    @Root() organization: Organization,
    @Arg('fromYear', () => Int, { nullable: true, description: 'First year listed; two years ago when omitted.' }) fromYear: number | null,
    @Arg('toYear', () => Int, { nullable: true, description: 'Last year listed; the current year when omitted.' }) toYear: number | null,
    @Ctx() { loaders }: CertificationContext,
  ): Promise<SelfAssessment[]> {
    const last = toYear ?? currentYear();
    const first = fromYear ?? currentYear() - 2;
    if (last < first || last - first > 50) throw badUserInput('fromYear to toYear must span 0 to 50 years', 'fromYear');
    const years = Array.from({ length: last - first + 1 }, (_, i) => first + i);
    const [facts, records, found] = await Promise.all([
      loaders.membership.load(organization.id),
      loaders.selfAssessmentsByOrganization.load(organization.id),
      loaders.selfAssessmentCycleByYear.loadMany(years),
    ]);
    const failed = found.find((c) => c instanceof Error);
    if (failed) throw failed;
    const cycles = found.filter((c): c is SelfAssessmentCycle => !!c && !(c instanceof Error));
    const withLists = await Promise.all(cycles.map(async (cycle) => ({ cycle, listed: await listedCompanies(loaders, cycle) })));
    const mine = companyCycles(companyOf(facts, organization.id), records.map((r) => r.year), withLists);
    return mine.map((cycle) => selfAssessmentView(organization.id, cycle, records.find((r) => r.year === cycle.year) ?? null));
  }
}
