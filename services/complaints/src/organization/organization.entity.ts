import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { PublicCache, SHARED_DESCRIPTIONS, type OwnedByOrganization } from '../../../shared/src';

/** The membership subgraph's `Organization`, extended here with its complaints and their statistics (complaint/). */
@PublicCache()
@ObjectType({ description: SHARED_DESCRIPTIONS.Organization })
@Directive('@key(fields: "id")')
export class Organization implements OwnedByOrganization {
  @Field(() => ID, { description: 'Stable identifier of the organization.' })
  id: string;

  get ownerOrganizationId(): string {
    return this.id;
  }
}

/** A reference to an organization by id, resolved by the membership subgraph through the gateway. */
export function organizationReference(id: string): Organization {
  return Object.assign(new Organization(), { id });
}
