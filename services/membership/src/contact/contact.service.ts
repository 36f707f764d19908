import { randomUUID } from 'node:crypto';
import {
  checkExpectedVersion,
  conflict,
  conflictOnUniqueViolation,
  today,
  updateVersioned,
  type Database,
} from '../../../shared/src';
import { OrganizationChangeKind } from '../organization/organization-change.entity';
import { appendChange } from '../organization/organization-profile.service';
import { Contact } from './contact.entity';

/** A contact's details, already checked. */
export interface ContactDetails {
  name: string;
  role: string | null;
  email: string;
  phone: string | null;
}

/** How a contact is written in the history: [name, role, e-mail, phone]. */
const asValues = (c: ContactDetails) => [c.name, c.role ?? '', c.email, c.phone ?? ''];

export interface ContactChange {
  reason: string;
  changedBy: string | null;
}

export function findContact(database: Database, id: string): Promise<Contact | null> {
  return database.dataSource.manager.findOneBy(Contact, { id });
}

const CONFLICT = 'The contact was changed by someone else meanwhile; reload it and try again';

/** Adds a contact and its history entry in one transaction. */
export async function addContact(
  database: Database,
  organizationId: string,
  details: ContactDetails,
  change: ContactChange,
): Promise<Contact> {
  const contact = Object.assign(new Contact(), { id: randomUUID(), organizationId, ...details, version: 1 });
  return conflictOnUniqueViolation(() => database.transaction(async (manager) => {
    await manager.insert(Contact, contact);
    await appendChange(manager, {
      organizationId,
      kind: OrganizationChangeKind.CONTACT_ADDED,
      subjectId: contact.id,
      before: [],
      after: asValues(details),
      effectiveFrom: today(),
      reason: change.reason,
      changedBy: change.changedBy,
    });
    return contact;
  }), CONFLICT);
}

/** Updates a contact if nobody changed it since it was read (`expectedVersion`, and the version read). */
export async function updateContact(
  database: Database,
  contact: Contact,
  details: ContactDetails,
  expectedVersion: number | null,
  change: ContactChange,
): Promise<Contact> {
  checkExpectedVersion(contact, 'Contact', expectedVersion, CONFLICT);
  return conflictOnUniqueViolation(() => database.transaction(async (manager) => {
    const updated = await updateVersioned(manager, Contact, contact, details, 'Contact', CONFLICT);
    await appendChange(manager, {
      organizationId: contact.organizationId,
      kind: OrganizationChangeKind.CONTACT_UPDATED,
      subjectId: contact.id,
      before: asValues(contact),
      after: asValues(details),
      effectiveFrom: today(),
      reason: change.reason,
      changedBy: change.changedBy,
    });
    return updated;
  }), CONFLICT);
}

/** Removes a contact if unchanged since read; the history keeps what it was. */
export async function removeContact(
  database: Database,
  contact: Contact,
  expectedVersion: number | null,
  change: ContactChange,
): Promise<Contact> {
  checkExpectedVersion(contact, 'Contact', expectedVersion, CONFLICT);
  return conflictOnUniqueViolation(() => database.transaction(async (manager) => {
    // A removal, not an update: the same guard on the version read, written out (no `updateVersioned`).
    const result = await manager
      .createQueryBuilder()
      .delete()
      .from(Contact)
      .where('id = :id AND version = :version', { id: contact.id, version: contact.version })
      .execute();
    if (result.affected !== 1) throw conflict(CONFLICT);
    await appendChange(manager, {
      organizationId: contact.organizationId,
      kind: OrganizationChangeKind.CONTACT_REMOVED,
      subjectId: contact.id,
      before: asValues(contact),
      after: [],
      effectiveFrom: today(),
      reason: change.reason,
      changedBy: change.changedBy,
    });
    return contact;
  }), CONFLICT);
}
