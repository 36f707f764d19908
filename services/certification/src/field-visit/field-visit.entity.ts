import { Authorized, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Access, PublicCache, Timestamp, type OwnedByOrganization } from '../../../shared/src';

/** Who a field visit consulted, by the categories the Association's field-based reviews speak to. */
export enum ConsultedCategory {
  CIVIL_SOCIETY_ORGANIZATION = 'CIVIL_SOCIETY_ORGANIZATION',
  COMMUNITY_REPRESENTATIVES = 'COMMUNITY_REPRESENTATIVES',
  WORKERS = 'WORKERS',
  CLIENTS = 'CLIENTS',
  AUTHORITIES = 'AUTHORITIES',
}
registerEnumType(ConsultedCategory, {
  name: 'ConsultedCategory',
  description: 'A category of people or organizations a field visit consulted.',
  valuesConfig: {
    CIVIL_SOCIETY_ORGANIZATION: { description: 'Civil society organizations, members of the Association or not.' },
    COMMUNITY_REPRESENTATIVES: { description: 'Representatives of communities affected by the company\'s operations.' },
    WORKERS: { description: 'The company\'s personnel and their representatives.' },
    CLIENTS: { description: 'The company\'s clients at the site.' },
    AUTHORITIES: { description: 'Local or national authorities.' },
  },
});

/**
 * How a field visit was carried out: the methodology it followed, and (in child rows) whom it consulted. One per
 * visit, written by the Secretariat; replaced as a whole, guarded by `version`.
 */
// Its own fields are public; the restricted ones make an answer that selects them uncacheable (auth checker).
@PublicCache()
@ObjectType({
  description:
    'How a field visit was carried out: the methodology followed (public) and whom it consulted. The counts by category: the ' +
    'company visited and the Secretariat; the organizations named: the Secretariat only.',
})
@Entity('field_visit_record')
@Index('ix_field_visit_record_organization', ['organizationId'])
export class FieldVisitRecord implements OwnedByOrganization {
  @PrimaryColumn({ name: 'activity_id', type: 'varchar', length: 36 })
  activityId: string;

  /** The company visited (copied from the activity), for OWN_ORGANIZATION checks. */
  @Column({ name: 'organization_id', type: 'varchar', length: 36 })
  organizationId: string;

  @Field({ description: 'The methodology followed, as the Association names it (e.g. "ICoCA field-based review methodology").' })
  @Column({ name: 'methodology_reference', type: 'varchar', length: 200 })
  methodologyReference: string;

  @Field({ description: 'The version of that methodology (e.g. "2").' })
  @Column({ name: 'methodology_version', type: 'varchar', length: 20 })
  methodologyVersion: string;

  @Field(() => Timestamp, { description: 'When it was last recorded.' })
  @Column({ name: 'recorded_at', type: 'varchar', length: 30 })
  recordedAt: string;

  @Column({ name: 'recorded_by', type: 'varchar', length: 100, nullable: true })
  recordedBy: string | null;

  @Field(() => Int, { description: 'Increases with every change; pass it as `expectedVersion` (CONFLICT when outdated).' })
  @Column({ type: 'int' })
  version: number;

  get ownerOrganizationId(): string {
    return this.organizationId;
  }
}

/** How many people of one category a visit consulted: counts only, never who. */
@ObjectType({ description: 'How many people or organizations of one category a field visit consulted. Never who they are.' })
@Entity('field_visit_consultation')
export class FieldVisitConsultation {
  @PrimaryColumn({ name: 'activity_id', type: 'varchar', length: 36 })
  activityId: string;

  @Field(() => ConsultedCategory, { description: 'The category.' })
  @PrimaryColumn({ type: 'varchar', length: 30 })
  category: ConsultedCategory;

  @Field(() => Int, { description: 'How many were consulted (1 or more).' })
  @Column({ type: 'int' })
  consulted: number;
}

/** An organization consulted that agreed to be named; no row is ever written without that consent. */
@ObjectType({ description: 'An organization a field visit consulted that agreed to be named (Secretariat only).' })
@Entity('field_visit_named_organization')
@Index('ix_field_visit_named_organization_activity', ['activityId', 'position'])
export class FieldVisitNamedOrganization {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'activity_id', type: 'varchar', length: 36 })
  activityId: string;

  /** Order given by the Secretariat. */
  @Column({ type: 'int' })
  position: number;

  @Field({ description: 'Its name.' })
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field(() => ConsultedCategory, { description: 'The category it was consulted as.' })
  @Column({ type: 'varchar', length: 30 })
  category: ConsultedCategory;
}

/** The summary of a completed visit the Secretariat publishes to the civil society members that sent input. */
@ObjectType({
  description: 'What the Secretariat tells the civil society members that sent input for a field visit, once it is completed.',
})
@Entity('field_visit_summary')
export class FieldVisitSummary {
  @PrimaryColumn({ name: 'activity_id', type: 'varchar', length: 36 })
  activityId: string;

  @Field({ description: 'The summary.' })
  @Column({ type: 'text' })
  text: string;

  @Field(() => Timestamp, { description: 'When it was published.' })
  @Column({ name: 'published_at', type: 'varchar', length: 30 })
  publishedAt: string;

  @Column({ name: 'published_by', type: 'varchar', length: 100, nullable: true })
  publishedBy: string | null;
}

/** Input of a civil society member for a planned field visit: read by that member and the Secretariat only. */
@ObjectType({
  description:
    'Input of a civil society member for a planned field visit: the communities affected and their concerns. ' +
    'The member that sent it and the Secretariat only; nobody else ever reads it.',
})
@Entity('field_visit_contribution')
@Index('ix_field_visit_contribution_contributor', ['contributorOrganizationId', 'submittedAt', 'id'])
@Index('ix_field_visit_contribution_activity', ['activityId', 'submittedAt', 'id'])
@Index('ix_field_visit_contribution_submitted', ['submittedAt', 'id'])
export class FieldVisitContribution implements OwnedByOrganization {
  @Field(() => ID, { description: 'Stable identifier of the input.' })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'activity_id', type: 'varchar', length: 36 })
  activityId: string;

  @Column({ name: 'contributor_organization_id', type: 'varchar', length: 36 })
  contributorOrganizationId: string;

  @Field({ description: 'Country of the visit, ISO 3166-1 alpha-2 (as the visit was planned when the input was sent).' })
  @Column({ type: 'varchar', length: 2 })
  country: string;

  /** The company visited, as the visit was planned. */
  @Column({ name: 'company_organization_id', type: 'varchar', length: 36 })
  companyOrganizationId: string;

  @Field({ description: 'The communities affected by the company\'s operations that the input speaks for.' })
  @Column({ name: 'affected_communities', type: 'varchar', length: 500 })
  affectedCommunities: string;

  @Field({ description: 'Their concerns and needs, for the visit to take into account.' })
  @Column({ type: 'text' })
  concerns: string;

  @Field(() => Timestamp, { description: 'When it was sent.' })
  @Column({ name: 'submitted_at', type: 'varchar', length: 30 })
  submittedAt: string;

  @Authorized(Access.Secretariat)
  @Field(() => String, { nullable: true, description: 'Who sent it: the token subject (Secretariat only).' })
  @Column({ name: 'submitted_by', type: 'varchar', length: 100, nullable: true })
  submittedBy: string | null;

  get ownerOrganizationId(): string {
    return this.contributorOrganizationId;
  }
}
