import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { badUserInput, isSecretariat, PublicCache, reportDate, reportYear, today, type Viewer } from '../../../shared/src';
import type { ComplaintsContext } from '../context';
import { complaintFigures } from './public-figures.service';
import { ComplaintFigures, TransparencyReport } from './public-figures.types';

/**
 * The report of `year` (already checked) for `viewer`, as the root field and `_entities` answer it. A
 * year is public once it has ended (its figures no longer move, so reading it twice tells nothing);
 * until then it is the Secretariat's.
 */
export function transparencyReport(year: number, viewer: Viewer): TransparencyReport {
  const asOf = reportDate(year);
  const complete = asOf < today();
  if (!complete && !isSecretariat(viewer)) {
    throw badUserInput(`year must be a year that has ended, from 2013 to ${year - 1}: a year's report is published once it ends`, 'year');
  }
  return Object.assign(new TransparencyReport(), { year, asOf, complete });
}

/** The Association's public yearly figures; this subgraph answers the root field and the complaints part. */
@Resolver(() => TransparencyReport)
export class TransparencyReportResolver {
  @PublicCache()
  @Query(() => TransparencyReport, {
    nullable: true,
    description:
      'The Association\'s public figures of one year that has ended: complaints, monitoring, membership and ' +
      'certification. Aggregates only, and no figure about complaints describes fewer than 5 of them (see ' +
      '`ComplaintFigures`). The current year is the Secretariat\'s until it ends. Public and cacheable.',
  })
  transparencyReport(
    @Arg('year', () => Int, {
      description: 'The calendar year, from 2013 (the Association\'s first) to the last one that has ended (the Secretariat: to the current one).',
    })
    year: number,
    @Ctx() { viewer }: ComplaintsContext,
  ): TransparencyReport {
    return transparencyReport(reportYear(year), viewer);
  }

  @FieldResolver(() => ComplaintFigures, { description: 'The complaints received in the year.' })
  complaints(@Root() report: TransparencyReport, @Ctx() { database, viewer }: ComplaintsContext): Promise<ComplaintFigures> {
    return complaintFigures(database, report.year, viewer);
  }
}
