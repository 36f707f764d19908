import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
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
      'affiliates, by name, in pages of `first` (default 20, at most 100). Each has its `headquartersCountry` and ' +
      '`countriesOfOperation`.',
  })
  companies(
    @Root() _options: ComplaintFormOptions,
    @Arg('search', () => String, {
      nullable: true,
      description: 'Part of a name (registered, former or trading), ignoring case, accents, punctuation and legal forms.',
    })
    search: string | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size: 1 to 100, default 20.' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor after which the page starts.' }) after: string | null,
    @Ctx() { database }: MembershipContext,
  ) {
    return companiesToComplainAbout(database, search, { first, after });
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
