import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { badUserInput } from '../../../shared/src';
import type { CertificationContext } from '../context';
import { isPrivateSecurityCompany } from '../membership/membership-facts';
import { Organization } from '../organization/organization.entity';
import { SelfAssessment } from './self-assessment.entity';
import { cycleYears } from './self-assessment.rules';
import { currentYear, selfAssessmentView } from './self-assessment.service';

/** What the self-assessment cycle adds to `Organization`: the years it owed or submitted one. */
@Resolver(() => Organization)
export class SelfAssessmentOrganizationFields {
  @FieldResolver(() => [SelfAssessment], {
    nullable: true,
    description:
      'The annual self-assessment cycle, one entry per year from `fromYear` to `toYear` for which the company owed ' +
      'or submitted one. Status and dates are public; the answers are for the company itself and the Secretariat.',
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
    const [facts, records] = await Promise.all([
      loaders.membership.load(organization.id),
      loaders.selfAssessmentsByOrganization.load(organization.id),
    ]);
    const years = cycleYears(
      isPrivateSecurityCompany(facts),
      facts?.statusHistory ?? [],
      records.map((r) => r.year),
      first,
      last,
    );
    return years.map((year) => selfAssessmentView(organization.id, year, records.find((r) => r.year === year) ?? null));
  }
}
