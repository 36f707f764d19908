import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../../../shared/src';
import type { MembershipContext } from '../context';
import { OrganizationConnection } from '../organization/organization.types';
import { companiesToComplainAbout, membershipFigures } from './public-figures.service';
import { ComplaintFormOptions, MembershipFigures, TransparencyReport } from './public-figures.types';

/** What this subgraph adds to the complaint form's catalogue. */
@Resolver(() => ComplaintFormOptions)
export class ComplaintFormCompaniesResolver {
  @FieldResolver(() => OrganizationConnection, {
    nullable: true,
    description:
      'The companies that can be complained about: private security companies that are or were members or ' +
      'affiliates, by name only (a picker for the complaint form), in pages of `first` (default 20, at most 100) read ' +
      'forwards or of `last` read backwards. Each has its `headquartersCountry` and `countriesOfOperation`.',
  })
  companies(
    @Root() _options: ComplaintFormOptions,
    @Arg('search', () => String, {
      nullable: true,
      description: 'Part of a name (registered, former or trading), ignoring case, accents, punctuation and legal forms.',
    })
    search: string | null,
    @Args() page: PageArgs,
    @Ctx() { database }: MembershipContext,
  ) {
    return companiesToComplainAbout(database, search, page);
  }
}

/** What this subgraph adds to the yearly report. */
@Resolver(() => TransparencyReport)
export class TransparencyMembershipResolver {
  @FieldResolver(() => MembershipFigures, {
    nullable: true,
    description: 'Members and affiliates by pillar and observers by kind at year end; admissions, suspensions, terminations, withdrawals.',
  })
  membership(@Root() report: TransparencyReport, @Ctx() { database }: MembershipContext): Promise<MembershipFigures> {
    return membershipFigures(database, report.year);
  }
}
