import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CalendarDate, PublicCache, Timestamp } from '../../../shared/src';

export enum OrganizationNameKind {
  REGISTERED = 'REGISTERED',
  FORMER = 'FORMER',
  TRADING = 'TRADING',
}
registerEnumType(OrganizationNameKind, {
  name: 'OrganizationNameKind',
  description: 'What a name of an organization is.',
  valuesConfig: {
    REGISTERED: { description: 'The registered name in use now.' },
    FORMER: { description: 'A name the organization was registered under before.' },
    TRADING: { description: 'A name the organization trades or is known under, besides its registered name.' },
  },
});

/**
 * A name an organization is or was known by. Partners often know a company by a trading or former
 * name, so verification matches all of them, through `matchKey`; applicants whose name looks like any
 * of them are found through `skeleton`.
 */
@PublicCache()
@ObjectType({ description: 'A name an organization is or was known by, with the dates it was used.' })
@Entity('organization_name')
export class OrganizationName {
  @Field(() => ID, { description: 'Identifier of this name record (to end a trading name).' })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'organization_id', type: 'varchar', length: 36 })
  organizationId: string;

  @Field({ description: 'The name as written.' })
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field(() => OrganizationNameKind, { description: 'Registered, former or trading name.' })
  @Column({ type: 'varchar', length: 16 })
  kind: OrganizationNameKind;

  /** The name reduced for matching: see `matchKey`. */
  @Column({ name: 'match_key', type: 'varchar', length: 200 })
  matchKey: string;

  /** What the name looks like, to find look-alike names of other organizations: see `nameSkeleton`. */
  @Column({ type: 'varchar', length: 400, default: '' })
  skeleton: string;

  @Field(() => CalendarDate, { nullable: true, description: 'First day the name was used, when known.' })
  @Column({ name: 'valid_from', type: 'varchar', length: 10, nullable: true })
  validFrom: string | null;

  @Field(() => CalendarDate, { nullable: true, description: 'Last day the name was used; null while in use.' })
  @Column({ name: 'valid_until', type: 'varchar', length: 10, nullable: true })
  validUntil: string | null;

  @Field(() => Timestamp, {
    description:
      'When this record of the name was last written (recorded, or end-dated): a receipt issued before it ' +
      'was issued on an earlier state of the register.',
  })
  @Column({ name: 'recorded_at', type: 'varchar', length: 30 })
  recordedAt: string;
}
