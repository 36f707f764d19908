import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { CalendarDate, PublicCache, SHARED_DESCRIPTIONS } from '../../../shared/src';
import { CodeSection } from '../catalogue/catalogue.types';
import { ComplaintKind } from '../catalogue/catalogue.enums';
import { ComplaintStatus } from '../complaint/complaint.enums';
import { ProtectedCount } from '../disclosure/protected-count';

@PublicCache()
@ObjectType({ description: 'Complaints of one kind received in the year.' })
export class ComplaintKindCount {
  @Field(() => ComplaintKind, { description: 'The kind of complaint.' })
  kind: ComplaintKind;

  @Field(() => ProtectedCount, { description: 'How many.' })
  count: ProtectedCount;
}

@PublicCache()
@ObjectType({
  description:
    'Complaints received in the year that allege a violation of at least one provision of a section of the Code (a ' +
    'complaint citing both sections counts in both).',
})
export class CodeSectionCount {
  @Field(() => CodeSection, { description: 'The section of the Code: conduct of personnel, or management and governance.' })
  section: CodeSection;

  @Field(() => ProtectedCount, { description: 'How many.' })
  count: ProtectedCount;
}

@PublicCache()
@ObjectType({ description: 'Complaints received in the year that stood in one status at the end of the year.' })
export class ComplaintStatusCount {
  @Field(() => ComplaintStatus, { description: 'The status on the last day counted (`asOf`).' })
  status: ComplaintStatus;

  @Field(() => ProtectedCount, { description: 'How many.' })
  count: ProtectedCount;
}

@PublicCache()
@ObjectType({ description: 'Totals of every year from the first complaint up to and including the report\'s year.' })
export class CumulativeComplaintFigures {
  @Field(() => Int, { nullable: true, description: 'The year of the first complaint received; null when none was.' })
  sinceYear: number | null;

  @Field(() => Int, { description: 'Complaints received in all those years.' })
  received: number;

  @Field(() => Int, {
    nullable: true,
    description:
      'Of those, complaints not found inadmissible by `asOf`. Null (withheld) unless every year\'s report shows its ' +
      '`allegingViolationOfTheCode`: otherwise the difference of two years\' cumulative figures would give a withheld one.',
  })
  allegingViolationOfTheCode: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Of those received, complaints against companies confirmed as members or affiliates. Null (withheld) unless every ' +
      'year\'s report shows its `againstMembersAndAffiliates`, for the same reason.',
  })
  againstMembersAndAffiliates: number | null;
}

@PublicCache()
@ObjectType({
  description:
    'The complaints the Association received in the year. `received` is exact; no other figure describes fewer than 5 ' +
    'complaints, and none that is withheld can be worked out from the others (see `ProtectedCount`): not within this ' +
    'report, not from another year\'s report or a company\'s `complaintStatistics`, not by reading it again later (a ' +
    'year is published once it has ended, when its figures no longer move).',
})
export class ComplaintFigures {
  @Field(() => Int, { description: 'Complaints received (filed) in the year.' })
  received: number;

  @Field(() => Int, {
    nullable: true,
    description:
      'Of those, complaints alleging a violation of the Code: all but those the Secretariat found inadmissible by `asOf`. ' +
      'Null (withheld) when the INADMISSIBLE count of `byStatusAtYearEnd` is withheld, which it would reveal.',
  })
  allegingViolationOfTheCode: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Of those received, complaints against a company confirmed as a member or affiliate (current or former) of the ' +
      'Association. Null (withheld) when it or the other complaints number fewer than 5, or while a company check is ' +
      'pending (the figure would move).',
  })
  againstMembersAndAffiliates: number | null;

  @Field(() => Int, { description: 'Counts below this are withheld (5).' })
  threshold: number;

  @Field(() => [ComplaintKindCount], { description: 'Complaints received by kind; every kind listed.' })
  byKind: ComplaintKindCount[];

  @Field(() => [CodeSectionCount], {
    description:
      'Complaints received by section of the Code alleged; both sections listed. A section is shown only when the ' +
      'complaints citing only the other one, and (if both are shown) those citing both, number 5 or more.',
  })
  byCodeSection: CodeSectionCount[];

  @Field(() => [ComplaintStatusCount], { description: 'Complaints received by their status at `asOf`; every status listed.' })
  byStatusAtYearEnd: ComplaintStatusCount[];

  @Field(() => CumulativeComplaintFigures, { description: 'Totals since the first year, up to this one.' })
  cumulative: CumulativeComplaintFigures;
}

/**
 * The Association's public figures of one year. Each subgraph fills its own part: complaints here,
 * monitoring and certification in the certification subgraph, membership in the membership subgraph.
 */
@PublicCache()
@ObjectType({
  description: SHARED_DESCRIPTIONS.TransparencyReport,
})
@Directive('@key(fields: "year")')
export class TransparencyReport {
  @Field(() => Int, { description: 'The calendar year.' })
  year: number;

  @Field(() => CalendarDate, {
    description: 'The day the figures are counted at: 31 December, or today for the current year (the Secretariat\'s).',
  })
  asOf: string;

  @Field({
    description:
      'False for the current year, whose figures may still change: only the Secretariat reads it; the public reads a ' +
      'year once it has ended.',
  })
  complete: boolean;
}
