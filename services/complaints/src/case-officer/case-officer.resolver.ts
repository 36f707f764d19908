import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { Access, requireSecretariat } from '../../../shared/src';
import { Complaint } from '../complaint/complaint.entity';
import { visibleComplaint } from '../complaint/complaint.access';
import type { ComplaintsContext } from '../context';
import { ComplaintAssignment } from './case-officer.entity';
import { checkOfficer } from './case-officer.rules';
import { assignComplaint } from './case-officer.service';
import { CaseOfficer, CaseOfficerInput } from './case-officer.types';

/**
 * Who in the Secretariat is responsible for a complaint. Internal to the Secretariat: the company, the
 * complainant, partners and the public never learn who is assigned (the complainant's follow-up has no such field).
 */
@Resolver(() => Complaint)
export class CaseOfficerFields {
  @Mutation(() => Complaint, {
    description:
      'Assigns a complaint to a case officer of the Secretariat, or reassigns it (the previous officer\'s period ends ' +
      'now), or unassigns it with `officer: null` (Secretariat only). Each period is kept in `assignmentHistory`. ' +
      'Assigning the officer who already holds it, or unassigning a complaint nobody holds, is BAD_USER_INPUT; a ' +
      'change by someone else since `expectedVersion` is CONFLICT; either way nothing changes.',
  })
  async assignComplaint(
    @Arg('id', () => ID, { description: 'Identifier of the complaint.' }) id: string,
    @Arg('officer', () => CaseOfficerInput, {
      nullable: true,
      description: 'The case officer to assign it to; null to leave the complaint unassigned.',
    })
    officer: CaseOfficerInput | null,
    @Arg('expectedVersion', () => Int, {
      description: 'The `version` of the complaint the decision was based on; CONFLICT if it changed since.',
    })
    expectedVersion: number,
    @Ctx() context: ComplaintsContext,
  ): Promise<Complaint> {
    requireSecretariat(context.viewer);
    const checked = checkOfficer(officer);
    const complaint = await visibleComplaint(id, context);
    const changed = await assignComplaint(context.database, complaint, checked, expectedVersion, context.viewer);
    context.loaders.complaint.clear(id).prime(id, changed);
    context.loaders.assignments.clear(id);
    return changed;
  }

  @Authorized(Access.Secretariat)
  @FieldResolver(() => CaseOfficer, {
    nullable: true,
    description: 'The case officer responsible for the complaint now; null when unassigned (Secretariat only).',
  })
  async assignedOfficer(@Root() complaint: Complaint, @Ctx() { loaders }: ComplaintsContext): Promise<CaseOfficer | null> {
    if (!complaint.assignedOfficerSubject) return null;
    const periods = await loaders.assignments.load(complaint.id);
    const current = [...periods].reverse().find((p) => p.until === null && p.officerSubject === complaint.assignedOfficerSubject);
    return Object.assign(new CaseOfficer(), {
      subject: complaint.assignedOfficerSubject,
      name: complaint.assignedOfficerName ?? complaint.assignedOfficerSubject,
      since: current?.from ?? null,
    });
  }

  @Authorized(Access.Secretariat)
  @FieldResolver(() => [ComplaintAssignment], {
    nullable: true,
    description:
      'Every case officer who has held the complaint, oldest first, with who assigned them and from when until when ' +
      '(Secretariat only).',
  })
  assignmentHistory(@Root() complaint: Complaint, @Ctx() { loaders }: ComplaintsContext) {
    return loaders.assignments.load(complaint.id);
  }
}
