import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import {
  email,
  forbidden,
  isSecretariat,
  notFound,
  optionalText,
  ownsRecord,
  personOrOrganizationName,
  unauthenticated,
  type Viewer,
} from '../../../shared/src';
import { Contact } from './contact.entity';
import type { MembershipContext } from '../context';
import { addContact, findContact, removeContact, updateContact, type ContactDetails } from './contact.service';
import { ContactInput } from './contact.types';

const REASON = { nullable: true, description: 'Why, for the history (Secretariat only); up to 2000 characters.' } as const;
const EXPECTED = { nullable: true, description: 'The contact\'s `version` the change was based on; CONFLICT if it changed since.' } as const;

function checked(input: ContactInput): ContactDetails {
  return {
    name: personOrOrganizationName(input.name, 'input.name', { max: 200 }),
    role: optionalText(input.role, 'input.role', 200),
    email: email(input.email, 'input.email'),
    phone: optionalText(input.phone, 'input.phone', 50),
  };
}

/** The Secretariat and a member of the organization itself may change its contacts; nobody else. */
function mayChange(viewer: Viewer, organizationId: string): boolean {
  return isSecretariat(viewer) || ownsRecord(viewer, organizationId);
}

/** Contacts of an organization: kept by the Secretariat and by the organization's own members. */
@Resolver(() => Contact)
export class ContactResolver {
  /** A contact the viewer may change; another organization's is NOT_FOUND, so its existence does not leak. */
  private async contact({ viewer, database }: MembershipContext, id: string): Promise<Contact> {
    if (viewer.role === 'public') throw unauthenticated();
    const contact = await findContact(database, id);
    if (!contact || !mayChange(viewer, contact.organizationId)) throw notFound('Contact', id);
    return contact;
  }

  private change({ viewer }: MembershipContext, reason: string | null, fallback: string) {
    return { reason: optionalText(reason, 'reason', 2000) ?? fallback, changedBy: viewer.subject ?? null };
  }

  @Mutation(() => Contact, {
    description: 'Adds a contact person to an organization: the Secretariat, or a member of that organization.',
  })
  async addContact(
    @Arg('organizationId', () => ID, { description: 'The organization.' }) organizationId: string,
    @Arg('input', () => ContactInput, { description: 'The contact\'s details.' }) input: ContactInput,
    @Arg('reason', () => String, REASON) reason: string | null,
    @Ctx() context: MembershipContext,
  ): Promise<Contact> {
    const { viewer, loaders, database } = context;
    if (viewer.role === 'public') throw unauthenticated();
    if (!mayChange(viewer, organizationId)) throw forbidden('Only the Secretariat and the organization\'s own members may change its contacts');
    const details = checked(input);
    if (!(await loaders.organization.load(organizationId))) throw notFound('Organization', organizationId);
    return addContact(database, organizationId, details, this.change(context, reason, 'Contact added'));
  }

  @Mutation(() => Contact, {
    description: 'Replaces a contact\'s details: the Secretariat, or a member of the contact\'s organization.',
  })
  async updateContact(
    @Arg('id', () => ID, { description: 'The contact.' }) id: string,
    @Arg('input', () => ContactInput, { description: 'The contact\'s new details.' }) input: ContactInput,
    @Arg('expectedVersion', () => Int, EXPECTED) expectedVersion: number | null,
    @Arg('reason', () => String, REASON) reason: string | null,
    @Ctx() context: MembershipContext,
  ): Promise<Contact> {
    const contact = await this.contact(context, id);
    const details = checked(input);
    return updateContact(context.database, contact, details, expectedVersion, this.change(context, reason, 'Contact updated'));
  }

  @Mutation(() => ID, {
    description: 'Removes a contact: the Secretariat, or a member of the contact\'s organization. Answers its id.',
  })
  async removeContact(
    @Arg('id', () => ID, { description: 'The contact.' }) id: string,
    @Arg('expectedVersion', () => Int, EXPECTED) expectedVersion: number | null,
    @Arg('reason', () => String, REASON) reason: string | null,
    @Ctx() context: MembershipContext,
  ): Promise<string> {
    const contact = await this.contact(context, id);
    await removeContact(context.database, contact, expectedVersion, this.change(context, reason, 'Contact removed'));
    return contact.id;
  }
}
