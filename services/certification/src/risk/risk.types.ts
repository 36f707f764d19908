import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { CalendarDate, CodeProvision, ConnectionType, PublicCache } from '../../../shared/src';
import { RiskReport } from './risk.entity';
import { RiskLevelValue, RiskReportSensitivity, RiskReportStatus, RiskSourceKind } from './risk.enums';
import type { RiskLevelEntry } from './risk.entity';

@InputType({ description: 'One source of a risk report.' })
export class RiskReportSourceInput {
  @Field(() => RiskSourceKind, { description: 'What kind of source.' })
  kind: RiskSourceKind;

  @Field({ description: 'Where to find it (a link, a publication, a description). 1 to 1000 characters.' })
  reference: string;
}

@InputType({ description: 'A risk report to submit: a civil society member for itself, or the Secretariat for a non-member source.' })
export class SubmitRiskReportInput {
  @Field({ description: 'A short title. 1 to 200 characters.' })
  title: string;

  @Field({ description: 'Country observed, ISO 3166-1 alpha-2.' })
  country: string;

  @Field(() => String, { nullable: true, description: 'Region observed: an ISO 3166-2 subdivision code of `country` (IQ-BA belongs to IQ).' })
  region?: string | null;

  @Field(() => String, { nullable: true, description: 'A place name, when no subdivision code fits. At most 200 characters.' })
  placeName?: string | null;

  @Field(() => CalendarDate, { description: 'First day of the period observed.' })
  observedFrom: string;

  @Field(() => CalendarDate, { description: 'Last day of the period observed; not before the first, not in the future.' })
  observedUntil: string;

  @Field(() => [CodeProvision], { description: 'The risk themes, as provisions of the Code: 1 to 25.' })
  themes: CodeProvision[];

  @Field({ description: 'The communities affected. 1 to 2000 characters.' })
  affectedCommunities: string;

  @Field({ description: 'What was observed. 1 to 10000 characters.' })
  description: string;

  @Field(() => [RiskReportSourceInput], { description: 'What the report rests on: 1 to 20 sources.' })
  sources: RiskReportSourceInput[];

  @Field(() => [ID], { nullable: true, description: 'Member companies concerned (private security companies), at most 50. Never public.' })
  companyIds?: string[] | null;

  @Field(() => RiskReportSensitivity, { description: 'What of it the Secretariat may cite publicly.' })
  sensitivity: RiskReportSensitivity;

  @Field(() => String, {
    nullable: true,
    description: 'Secretariat only, and required then: the non-member source it records the report for (e.g. a community group).',
  })
  onBehalfOf?: string | null;
}

@InputType({ description: 'A dated risk level of a country or one of its regions (Secretariat).' })
export class SetRiskLevelInput {
  @Field({ description: 'Country, ISO 3166-1 alpha-2.' })
  country: string;

  @Field(() => String, { nullable: true, description: 'Region, an ISO 3166-2 subdivision code of `country`; the whole country when absent.' })
  region?: string | null;

  @Field(() => RiskLevelValue, { description: 'The level.' })
  level: RiskLevelValue;

  @Field(() => CalendarDate, { description: 'Day the level applies from; one level per area and day.' })
  effectiveFrom: string;

  @Field({ description: 'The public justification. 1 to 4000 characters.' })
  justification: string;

  @Field(() => [ID], {
    description: 'Accepted risk reports of the same country (and region, for a region) it rests on: 1 to 50. Only PUBLIC ones are ever cited.',
  })
  reportIds: string[];
}

@InputType({ description: 'Narrows a list of risk reports; all given conditions must hold.' })
export class RiskReportFilter {
  @Field(() => RiskReportStatus, { nullable: true, description: 'Only reports with this status.' })
  status?: RiskReportStatus | null;

  @Field(() => String, { nullable: true, description: 'Only reports on this country, ISO 3166-1 alpha-2.' })
  country?: string | null;
}

export const RiskReportConnection = ConnectionType(RiskReport, 'RiskReport', 'risk reports');

/** What of a PUBLIC, accepted report a risk area's justification cites: never its reporter or the companies named. */
@PublicCache()
@ObjectType({ description: 'A risk report cited publicly: its title, period, place and themes only. Only PUBLIC reports are ever cited.' })
export class CitedRiskReport {
  @Field({ description: 'Title of the report.' })
  title: string;

  @Field(() => CalendarDate, { description: 'First day of the period observed.' })
  observedFrom: string;

  @Field(() => CalendarDate, { description: 'Last day of the period observed.' })
  observedUntil: string;

  @Field({ description: 'Country observed, ISO 3166-1 alpha-2.' })
  country: string;

  @Field(() => String, { nullable: true, description: 'Region observed, ISO 3166-2.' })
  region: string | null;

  @Field(() => String, { nullable: true, description: 'Place name given by the report.' })
  placeName: string | null;

  @Field(() => [CodeProvision], { description: 'The risk themes.' })
  themes: CodeProvision[];
}

/** One dated level of an area, as the public sees it. */
@PublicCache()
@ObjectType({ description: 'A risk level of an area from a day on, with its public justification.' })
export class RiskLevelChange {
  @Field(() => RiskLevelValue, { description: 'The level.' })
  level: RiskLevelValue;

  @Field(() => CalendarDate, { description: 'Day it applies from (until the next level of the same area).' })
  effectiveFrom: string;

  @Field({ description: 'The Secretariat\'s public justification.' })
  justification: string;

  @Field(() => Int, { description: 'How many accepted reports it rests on, cited or not.' })
  reportCount: number;

  /** The entry, for the cited reports' loader. */
  entry: RiskLevelEntry;
}

/** A country or region with risk levels; public. */
@PublicCache()
@ObjectType({ description: 'A country, or a region of one, that the Secretariat has given risk levels. Public.' })
export class RiskArea {
  @Field({ description: 'The area\'s code: the country code, or the ISO 3166-2 region code.' })
  code: string;

  @Field({ description: 'Country, ISO 3166-1 alpha-2.' })
  country: string;

  @Field(() => String, { nullable: true, description: 'Region, ISO 3166-2; null for a whole country.' })
  region: string | null;

  /** Every level of the area, oldest first. */
  entries: RiskLevelEntry[];
}
