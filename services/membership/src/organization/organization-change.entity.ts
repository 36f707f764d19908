import { Authorized, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { Access, CalendarDate, DatedHistoryEntry, PublicCache, Timestamp } from '../../../shared/src';

/** What one entry of an organization's change history records. */
export enum OrganizationChangeKind {
  RENAMED = 'RENAMED',
  TRADING_NAME_ADDED = 'TRADING_NAME_ADDED',
  TRADING_NAME_ENDED = 'TRADING_NAME_ENDED',
  HEADQUARTERS_COUNTRY_CHANGED = 'HEADQUARTERS_COUNTRY_CHANGED',
  COUNTRIES_OF_OPERATION_CHANGED = 'COUNTRIES_OF_OPERATION_CHANGED',
  REGIONS_OF_OPERATION_CHANGED = 'REGIONS_OF_OPERATION_CHANGED',
  WEBSITE_CHANGED = 'WEBSITE_CHANGED',
  CONTACT_ADDED = 'CONTACT_ADDED',
  CONTACT_UPDATED = 'CONTACT_UPDATED',
  CONTACT_REMOVED = 'CONTACT_REMOVED',
}
registerEnumType(OrganizationChangeKind, {
  name: 'OrganizationChangeKind',
  description: 'What changed in an organization\'s record.',
  valuesConfig: {
    RENAMED: { description: 'New registered name; the old one became a former name, used until the day before.' },
    TRADING_NAME_ADDED: { description: 'A trading name was added.' },
    TRADING_NAME_ENDED: { description: 'A trading name stopped being used.' },
    HEADQUARTERS_COUNTRY_CHANGED: { description: 'The headquarters moved to another country.' },
    COUNTRIES_OF_OPERATION_CHANGED: { description: 'The countries of operation changed.' },
    REGIONS_OF_OPERATION_CHANGED: { description: 'The regions of operation (ISO 3166-2) changed.' },
    WEBSITE_CHANGED: { description: 'The website changed.' },
    CONTACT_ADDED: { description: 'A contact person was added (Secretariat only).' },
    CONTACT_UPDATED: { description: 'A contact person\'s details changed (Secretariat only).' },
    CONTACT_REMOVED: { description: 'A contact person was removed (Secretariat only).' },
  },
});

/** The kinds anyone may read: names, so that a match on a former name stays explainable. */
export const PUBLIC_CHANGE_KINDS: readonly OrganizationChangeKind[] = [
  OrganizationChangeKind.RENAMED,
  OrganizationChangeKind.TRADING_NAME_ADDED,
  OrganizationChangeKind.TRADING_NAME_ENDED,
];

/**
 * One dated change of an organization's record (other than its membership status, which has its own
 * history). Append-only: a correction is a new entry, and `recordedAt` tells when it was made.
 */
@PublicCache()
@ObjectType({
  description:
    'One dated change of an organization\'s record: names, countries, regions, website, contacts. Entries are ' +
    'never changed or removed; a correction is a new entry. The public sees name changes; the Secretariat all.',
})
@Entity('organization_change')
@Index('uq_organization_change_sequence', ['organizationId', 'sequence'], { unique: true })
export class OrganizationChange extends DatedHistoryEntry {
  @Field(() => ID, { description: 'Identifier of the entry.' })
  declare id: string;

  @Field(() => OrganizationChangeKind, { description: 'What changed.' })
  @Column({ type: 'varchar', length: 40 })
  kind: OrganizationChangeKind;

  /** The name record or contact the entry is about, when it is about one. */
  @Field(() => ID, { nullable: true, description: 'The name record or contact concerned, if any.' })
  @Column({ name: 'subject_id', type: 'varchar', length: 36, nullable: true })
  subjectId: string | null;

  @Field(() => [String], {
    description:
      'The values before the change: a name, country codes, region codes, a website, or a contact as ' +
      '[name, role, e-mail, phone]; empty when there was none.',
  })
  @Column({ name: 'before_value', type: 'simple-json' })
  before: string[];

  @Field(() => [String], { description: 'The values after the change, written as `before`; empty when removed.' })
  @Column({ name: 'after_value', type: 'simple-json' })
  after: string[];

  @Field(() => CalendarDate, { description: 'First day on which the change applied (it may be a past day).' })
  declare effectiveFrom: string;

  @Field({ description: 'Why, as recorded.' })
  declare reason: string;

  @Authorized(Access.Secretariat)
  @Field(() => String, { nullable: true, description: 'Who made the change (Secretariat only).' })
  @Column({ name: 'changed_by', type: 'varchar', length: 100, nullable: true })
  changedBy: string | null;

  @Field(() => Timestamp, {
    description:
      'When the change was recorded. After `effectiveFrom` for a change dated in the past: a receipt checked ' +
      'before this moment was issued on the record as it stood before the correction.',
  })
  declare recordedAt: string;
}
