import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { PublicCache, reportDate, reportYear, today } from '../../../shared/src';
import type { ComplaintsContext } from '../context';
import { complaintFigures } from './transparency.service';
import { ComplaintFigures, TransparencyReport } from './transparency.types';

/** The report of `year` (already checked), as the root field and `_entities` answer it. */
export function transparencyReport(year: number): TransparencyReport {
  const asOf = reportDate(year);
  return Object.assign(new TransparencyReport(), { year, asOf, complete: asOf < today() });
}

/** The Association's public yearly figures; this subgraph answers the root field and the complaints part. */
@Resolver(() => TransparencyReport)
export class TransparencyReportResolver {
  @PublicCache()
  @Query(() => TransparencyReport, {
    nullable: true,
    description:
      'The Association\'s public figures of one year: complaints, monitoring, membership and certification. ' +
      'Aggregates only, with small counts of complaints withheld. Public and cacheable.',
  })
  transparencyReport(
    @Arg('year', () => Int, { description: 'The calendar year, from 2013 (the Association\'s first) to the current one.' })
    year: number,
  ): TransparencyReport {
    return transparencyReport(reportYear(year));
  }

  @FieldResolver(() => ComplaintFigures, { description: 'The complaints received in the year.' })
  complaints(@Root() report: TransparencyReport, @Ctx() { database }: ComplaintsContext): Promise<ComplaintFigures> {
    return complaintFigures(database, report.year);
  }
}
