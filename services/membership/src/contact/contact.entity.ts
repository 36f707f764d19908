import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { OwnedByOrganization } from '../../../shared/src';

/** A contact person of an organization: private to the organization and the Secretariat. */
@ObjectType({ description: 'A contact person at an organization (visible to that organization and the Secretariat).' })
@Entity('organization_contact')
@Index('ix_contact_organization', ['organizationId'])
export class Contact implements OwnedByOrganization {
  @Field(() => ID, { description: 'Identifier of the contact, to update or remove it.' })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'organization_id', type: 'varchar', length: 36 })
  organizationId: string;

  @Field({ description: 'Full name.' })
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field(() => String, { nullable: true, description: 'Role in the organization, e.g. "Head of compliance".' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  role: string | null;

  @Field({ description: 'E-mail address.' })
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Field(() => String, { nullable: true, description: 'Telephone number.' })
  @Column({ type: 'varchar', length: 50, nullable: true })
  phone: string | null;

  @Field(() => Int, { description: 'Increases with every change of this contact; pass it as `expectedVersion`.' })
  @Column({ type: 'int', default: 1 })
  version: number;

  get ownerOrganizationId(): string {
    return this.organizationId;
  }
}
