import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { ObserverKind, PublicCache, SHARED_DESCRIPTIONS } from '../../../shared/src';
import { Pillar } from '../organization/organization.entity';
import { TerminationReason } from '../membership-status/membership-status.entity';

/**
 * The complaints subgraph's complaint-form catalogue, extended here with the companies that can be
 * complained about: membership data stays in this subgraph.
 */
@PublicCache()
@ObjectType({ description: SHARED_DESCRIPTIONS.ComplaintFormOptions })
@Directive('@key(fields: "language")')
export class ComplaintFormOptions {
  @Field({ description: 'The language the texts are in: `en`, `fr`, `es` or `ar`.' })
  language: string;
}

/** The complaints subgraph's yearly report, extended here with the membership figures. */
@PublicCache()
@ObjectType({ description: SHARED_DESCRIPTIONS.TransparencyReport })
@Directive('@key(fields: "year")')
export class TransparencyReport {
  @Field(() => Int, { description: 'The calendar year.' })
  year: number;
}

@PublicCache()
@ObjectType({ description: 'Organizations of one pillar taking part in the Association at the end of the year, by category.' })
export class PillarMembershipCount {
  @Field(() => Pillar, { description: 'The pillar.' })
  pillar: Pillar;

  @Field(() => Int, { description: 'Members (status ACTIVE) at year end.' })
  members: number;

  @Field(() => Int, { description: 'Affiliates (status ACTIVE) at year end: companies only.' })
  affiliates: number;

  @Field(() => Int, {
    description: 'Always 0: observers are admitted beside the pillars and counted by kind.',
    deprecationReason: 'Observers are counted by kind in `MembershipFigures.byObserverKind`.',
  })
  observers: number;

  @Field(() => Int, { description: 'Members and affiliates whose membership was suspended at year end.' })
  suspended: number;
}

@PublicCache()
@ObjectType({ description: 'Observers of one kind taking part in the Association at the end of the year.' })
export class ObserverKindCount {
  @Field(() => ObserverKind, { description: 'The kind of observer.' })
  kind: ObserverKind;

  @Field(() => Int, { description: 'Observers (status ACTIVE) at year end.' })
  observers: number;

  @Field(() => Int, { description: 'Observers whose status was suspended at year end.' })
  suspended: number;
}

@PublicCache()
@ObjectType({ description: 'Terminations of one coded ground in the year.' })
export class TerminationReasonCount {
  @Field(() => TerminationReason, { description: 'The ground.' })
  reason: TerminationReason;

  @Field(() => Int, {
    description:
      'Terminations on this ground with effect during the year. Exact, like every membership figure: terminations are ' +
      'public in each organization\'s status history, so no small count is withheld (that rule protects complainants).',
  })
  count: number;
}

@PublicCache()
@ObjectType({ description: 'Membership in the year: who took part at year end, and the decisions taken during it.' })
export class MembershipFigures {
  @Field(() => [PillarMembershipCount], { description: 'Each of the three pillars, with its members and affiliates at year end.' })
  byPillar: PillarMembershipCount[];

  @Field(() => [ObserverKindCount], {
    description:
      'Every kind of observer, with its observers at year end. Exact counts, as for the pillars: observers are listed ' +
      'by name in the public directory.',
  })
  byObserverKind: ObserverKindCount[];

  @Field(() => Int, { description: 'Organizations admitted during the year.' })
  admissions: number;

  @Field(() => Int, { description: 'Suspensions decided with effect during the year.' })
  suspensions: number;

  @Field(() => Int, { description: 'Terminations by the Association with effect during the year.' })
  terminations: number;

  @Field(() => [TerminationReasonCount], {
    description: 'The year\'s terminations by coded ground: every ground, 0 included; they add up to `terminations`.',
  })
  terminationsByReason: TerminationReasonCount[];

  @Field(() => Int, { description: 'Withdrawals (organizations leaving of their own accord) with effect during the year.' })
  withdrawals: number;
}
