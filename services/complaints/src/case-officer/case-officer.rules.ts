import { badUserInput, personOrOrganizationName, text } from '../../../shared/src';

/** Assigning complaints to case officers: the checks, as plain functions the rules test calls without a database. */

/** A case officer as checked: the token subject and a display name. */
export interface CheckedOfficer {
  subject: string;
  name: string;
}

/** Checks the officer given to `assignComplaint`; null (unassign) stays null. BAD_USER_INPUT names the field. */
export function checkOfficer(officer: { subject: string; name: string } | null | undefined): CheckedOfficer | null {
  if (officer === null || officer === undefined) return null;
  const subject = text(officer.subject, 'officer.subject', { max: 100 });
  // A subject is an identifier from the sign-in, never a sentence: spaces inside mean a name was typed instead.
  if (/\s/.test(subject)) throw badUserInput('officer.subject is the subject of the officer\'s token, with no spaces', 'officer.subject');
  return { subject, name: personOrOrganizationName(officer.name, 'officer.name', { max: 200 }) };
}

/**
 * An assignment must change something: assigning the officer who already holds the complaint, or
 * unassigning a complaint nobody holds, is BAD_USER_INPUT (a stale screen, most likely), and nothing is written.
 */
export function checkAssignmentChange(currentSubject: string | null, next: CheckedOfficer | null): void {
  if (next === null && currentSubject === null) throw badUserInput('The complaint is not assigned to anyone', 'officer');
  if (next !== null && next.subject === currentSubject) {
    throw badUserInput(`The complaint is already assigned to ${next.subject}`, 'officer.subject');
  }
}
