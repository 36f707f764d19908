import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { OwnedByOrganization } from '../../../shared/src';

/** The membership subgraph's `Organization`, extended here with certification and monitoring fields. */
@ObjectType({
  description:
    'An organization that is or was a member, affiliate or observer of the Association (owned by the membership ' +
    'subgraph; certification and monitoring fields come from the certification subgraph).',
})
@Directive('@key(fields: "id")')
export class Organization implements OwnedByOrganization {
  @Field(() => ID, { description: 'Stable identifier of the organization.' })
  id: string;

  get ownerOrganizationId(): string {
    return this.id;
  }
}

/** An entity reference to an organization, for fields that point at one. */
export function organizationReference(id: string): Organization {
  return Object.assign(new Organization(), { id });
}
