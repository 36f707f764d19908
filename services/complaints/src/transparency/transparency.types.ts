import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { CalendarDate, PublicCache, SHARED_DESCRIPTIONS } from '../../../shared/src';
import { CodeSection } from '../catalogue/catalogue.types';
import { ComplaintKind, ComplaintStatus } from '../complaint/complaint.enums';

@PublicCache()
@ObjectType({
  description:
    'A count in a breakdown of complaints. A small count could point at a complainant: counts below `fewerThan` are ' +
    'withheld (`value: null, fewerThan: 5`), and so are as many other cells (the smallest first) as it takes for no ' +
    'withheld count to be worked out from the total and the counts shown (`value: null, fewerThan: null`).',
})
export class ProtectedCount {
  @Field(() => Int, { nullable: true, description: 'The count; null when withheld.' })
  value: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Set (to the threshold, 5) when the count is below it and withheld; null otherwise.',
  })
  fewerThan: number | null;

  @Field({ description: 'True when the count is withheld, either below the threshold or to protect another withheld count.' })
  withheld: boolean;
}

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

  @Field(() => Int, { description: 'Of those, complaints not found inadmissible by `asOf`.' })
  allegingViolationOfTheCode: number;

  @Field(() => Int, { description: 'Of those received, complaints against companies confirmed as members or affiliates.' })
  againstMembersAndAffiliates: number;
}

@PublicCache()
@ObjectType({
  description:
    'The complaints the Association received in the year. Totals are exact; in the breakdowns, small counts are ' +
    'withheld so that no figure can identify a complainant.',
})
export class ComplaintFigures {
  @Field(() => Int, { description: 'Complaints received (filed) in the year.' })
  received: number;

  @Field(() => Int, {
    description:
      'Of those, complaints alleging a violation of the Code: all but those the Secretariat found inadmissible by `asOf`.',
  })
  allegingViolationOfTheCode: number;

  @Field(() => Int, {
    description:
      'Of those received, complaints against a company confirmed as a member or affiliate (current or former) of the ' +
      'Association.',
  })
  againstMembersAndAffiliates: number;

  @Field(() => Int, { description: 'Counts below this are withheld from the breakdowns (5).' })
  threshold: number;

  @Field(() => [ComplaintKindCount], { description: 'Complaints received by kind; every kind listed.' })
  byKind: ComplaintKindCount[];

  @Field(() => [CodeSectionCount], { description: 'Complaints received by section of the Code alleged; both sections listed.' })
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

  @Field(() => CalendarDate, { description: 'The day the figures are counted at: 31 December, or today for the current year.' })
  asOf: string;

  @Field({ description: 'False for the current year: its figures may still change.' })
  complete: boolean;
}
