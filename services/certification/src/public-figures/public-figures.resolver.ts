import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { CertificationContext } from '../context';
import { certificationFigures, monitoringFigures } from './public-figures.service';
import { CertificationFigures, MonitoringFigures, TransparencyReport } from './public-figures.types';

/** What this subgraph adds to the yearly report: monitoring and certification. */
@Resolver(() => TransparencyReport)
export class TransparencyCertificationResolver {
  @FieldResolver(() => MonitoringFigures, {
    nullable: true,
    description:
      'Monitoring in the year: field visits and remote reviews completed; compliance concerns by group, recorded in the year, ' +
      'active at year end and cumulative.',
  })
  monitoring(@Root() report: TransparencyReport, @Ctx() { database }: CertificationContext): Promise<MonitoringFigures> {
    return monitoringFigures(database, report.year);
  }

  @FieldResolver(() => CertificationFigures, {
    nullable: true,
    description: 'Certified companies at year end, in all and by standard.',
  })
  certification(@Root() report: TransparencyReport, @Ctx() { database }: CertificationContext): Promise<CertificationFigures> {
    return certificationFigures(database, report.year);
  }
}
