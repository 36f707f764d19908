import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { PublicCache, SHARED_DESCRIPTIONS } from '../../../shared/src';
import { CertificationStandard } from '../certification/certification.entity';

/** The complaints subgraph's yearly report, extended here with the monitoring and certification figures. */
@PublicCache()
@ObjectType({ description: SHARED_DESCRIPTIONS.TransparencyReport })
@Directive('@key(fields: "year")')
export class TransparencyReport {
  @Field(() => Int, { description: 'The calendar year.' })
  year: number;
}

@PublicCache()
@ObjectType({
  description:
    'Compliance concerns found by monitoring (findings), grouped as the Association publishes them by the paragraph of ' +
    'the Code they cite. Which findings are counted is said by the field that answers it.',
})
export class ConcernCounts {
  @Field(() => Int, { description: 'Personnel misconduct: findings citing section F of the Code (paragraphs 28 to 43).' })
  personnelMisconduct: number;

  @Field(() => Int, { description: 'Management and governance: findings citing section G (paragraphs 44 to 69).' })
  managementAndGovernance: number;

  @Field(() => Int, { description: 'Other: findings citing no paragraph of sections F and G.' })
  other: number;

  @Field(() => Int, { description: 'All the findings counted, every group together.' })
  total: number;
}

@PublicCache()
@ObjectType({ description: 'Monitoring in the year: the reviews completed and the concerns they found.' })
export class MonitoringFigures {
  @Field(() => Int, { description: 'Field visits (planned reviews and spot checks) completed in the year.' })
  fieldVisits: number;

  @Field(() => Int, { description: 'Remote monitoring reviews completed in the year.' })
  remoteReviews: number;

  @Field(() => Int, { description: 'Self-assessment reviews completed in the year.' })
  selfAssessmentReviews: number;

  @Field(() => Int, { description: 'Human-rights risk assessments completed in the year.' })
  humanRightsRiskAssessments: number;

  @Field(() => ConcernCounts, {
    description:
      'Compliance concerns recorded in the year (findings recorded from 1 January to 31 December, or to today for the ' +
      'current year), by group. Not the figure the Association\'s annual report gives: see `concernsActiveAtYearEnd` and `concernsCumulative`.',
  })
  concerns: ConcernCounts;

  @Field(() => ConcernCounts, {
    description:
      'Compliance concerns active at year end, as the Association reports them: findings recorded on or before 31 December ' +
      '(today for the current year) and not closed on that day, read from each finding\'s dated status history (a finding in ' +
      'remediation is still active).',
  })
  concernsActiveAtYearEnd: ConcernCounts;

  @Field(() => ConcernCounts, {
    description: 'Compliance concerns since monitoring began: every finding recorded on or before 31 December (today for the current year), closed or not.',
  })
  concernsCumulative: ConcernCounts;
}

@PublicCache()
@ObjectType({ description: 'Companies holding an active certificate to one standard at year end.' })
export class StandardCount {
  @Field(() => CertificationStandard, { description: 'The standard.' })
  standard: CertificationStandard;

  @Field(() => Int, { description: 'Companies with an active certificate to it (a company may hold several standards).' })
  companies: number;
}

@PublicCache()
@ObjectType({ description: 'Certification at the end of the year.' })
export class CertificationFigures {
  @Field(() => Int, { description: 'Companies holding at least one active certificate at year end.' })
  certifiedCompanies: number;

  @Field(() => [StandardCount], { description: 'Every recognized standard, with the companies certified to it at year end.' })
  byStandard: StandardCount[];
}
