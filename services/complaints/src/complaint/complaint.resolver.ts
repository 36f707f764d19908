import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import {
  Access,
  badUserInput,
  ConnectionType,
  countryCode,
  forbidden,
  isSecretariat,
  notFound,
  optionalPersonOrOrganizationName,
  optionalText,
  ownsRecord,
  paginate,
  personOrOrganizationName,
  requireSecretariat,
  text,
  today,
  unauthenticated,
  type Viewer,
} from '../../../shared/src';
import { messageLanguage } from '../catalogue/catalogue.texts';
import { forThePersonFiling } from '../catalogue/error.texts';
import { organizationReference, Organization } from '../organization/organization.entity';
import { Complaint, ComplaintAllegation, ComplaintEvent, ComplaintMessage } from './complaint.entity';
import { CompanyCheckStatus, ComplaintActor, ComplaintKind, ComplaintStatus, EventAudience } from './complaint.enums';
import type { ComplaintsContext } from './complaint.loaders';
import { checkIncidentDate, companyMayRespond, complainantMayWrite, languageTag, timelineFor } from './complaint.rules';
import {
  aad,
  addMessage,
  advanceComplaint,
  findByReceipt,
  respondToComplaint,
  submitComplaint,
  type NewComplaint,
} from './complaint.service';
import {
  Complainant,
  ComplaintFilter,
  ComplaintFollowUp,
  ComplaintReceipt,
  SubmitComplaintInput,
} from './complaint.types';

export const ComplaintConnection = ConnectionType(Complaint, 'Complaint', 'complaints');

const MAX_DESCRIPTION = 20_000;
const MAX_MESSAGE = 10_000;

/** Checks every field of a filing; BAD_USER_INPUT naming the field, before anything is stored or asked. */
export function checkSubmission(input: SubmitComplaintInput): NewComplaint {
  const companyId = text(input.companyId, 'input.companyId', { max: 36 });
  const incidentCountry = countryCode(input.incidentCountry, 'input.incidentCountry');
  checkIncidentDate(input.incidentDate, today());
  if (input.allegations.length === 0) {
    throw badUserInput('Name at least one provision of the Code (GENERAL_CONDUCT when unsure)', 'input.allegations');
  }
  const provisions = new Set(input.allegations.map((a) => a.provision));
  if (provisions.size !== input.allegations.length) throw badUserInput('Each provision once only', 'input.allegations');
  if (input.allegations.length > 25) throw badUserInput('At most 25 provisions', 'input.allegations');
  const description = text(input.description, 'input.description', { max: MAX_DESCRIPTION });
  const language = languageTag(text(input.language, 'input.language', { max: 35 }));
  const anonymous = input.anonymous ?? false;
  const complainantName = optionalPersonOrOrganizationName(input.complainantName, 'input.complainantName', 200);
  const complainantContact = optionalText(input.complainantContact, 'input.complainantContact', 500);
  if (anonymous && complainantName) {
    throw badUserInput('An anonymous complaint gives no name', 'input.complainantName');
  }
  if (!anonymous && !complainantName) {
    throw badUserInput('Give your name, or file anonymously', 'input.complainantName');
  }
  const representative = input.representative
    ? {
        name: personOrOrganizationName(input.representative.name, 'input.representative.name', { max: 200 }),
        organization: optionalPersonOrOrganizationName(
          input.representative.organization,
          'input.representative.organization',
          200,
        ),
        contact: optionalText(input.representative.contact, 'input.representative.contact', 500),
      }
    : null;
  if (input.kind === ComplaintKind.HARM_TO_REPRESENTED_PERSON && !representative) {
    throw badUserInput('A complaint filed for someone else names its representative', 'input.representative');
  }
  const idempotencyKey = optionalText(input.idempotencyKey, 'input.idempotencyKey', 200);
  if (idempotencyKey && idempotencyKey.length < 16) {
    throw badUserInput('idempotencyKey needs at least 16 characters', 'input.idempotencyKey');
  }
  return {
    companyId,
    kind: input.kind,
    incidentDate: input.incidentDate,
    incidentCountry,
    allegations: input.allegations.map((a) => ({ provision: a.provision, codeVersion: a.codeVersion })),
    description,
    language,
    anonymous,
    complainantName,
    complainantContact,
    representative,
    idempotencyKey,
  };
}

/**
 * May `viewer` see `complaint`? The Secretariat, and members of the company complained about once the
 * company check has passed (until then it is not known to be a complaint the company must answer).
 */
export function maySee(viewer: Viewer, complaint: Complaint): boolean {
  return (
    isSecretariat(viewer) || (ownsRecord(viewer, complaint.companyId) && complaint.companyCheck === CompanyCheckStatus.PASSED)
  );
}

/** The complaint `id` if the viewer may see it; NOT_FOUND otherwise, exactly as for a complaint that does not exist. */
async function visibleComplaint(id: string, { viewer, loaders }: ComplaintsContext): Promise<Complaint> {
  const complaint = await loaders.complaint.load(id);
  if (!complaint || !maySee(viewer, complaint)) throw notFound('Complaint', id);
  return complaint;
}

/** Complaints as the Secretariat handles them and the companies complained about see them. */
@Resolver(() => Complaint)
export class ComplaintResolver {
  @Mutation(() => ComplaintReceipt, {
    description:
      'Files a complaint against a member company. Public: no account is needed. Answers a reference number and a ' +
      'receipt code, shown once, to follow the complaint. The company must be a private security company that is or ' +
      'was a member or affiliate (BAD_USER_INPUT otherwise). When the membership register cannot be asked, the ' +
      'complaint is stored all the same and the company checked later; a company that does not qualify then makes ' +
      'it INADMISSIBLE, with the reason in its timeline. Send an `idempotencyKey` to retry safely.',
  })
  async submitComplaint(
    @Arg('input', () => SubmitComplaintInput, { description: 'The complaint.' }) input: SubmitComplaintInput,
    @Ctx() { database, services, requestId, logger, acceptLanguage }: ComplaintsContext,
  ): Promise<ComplaintReceipt> {
    let filed: Awaited<ReturnType<typeof submitComplaint>>;
    try {
      filed = await submitComplaint(database, services, checkSubmission(input), { requestId, logger });
    } catch (error) {
      // Worded for the person filing, in the language they write in (or their browser's).
      throw forThePersonFiling(error, messageLanguage(input.language, acceptLanguage), 'input.idempotencyKey');
    }
    return Object.assign(new ComplaintReceipt(), {
      referenceNumber: filed.complaint.referenceNumber,
      receiptCode: filed.receiptCode,
      status: ComplaintStatus.RECEIVED,
      submittedAt: filed.complaint.submittedAt,
    });
  }

  @Query(() => Complaint, {
    nullable: true,
    description:
      'One complaint by id: for the Secretariat, and for members of the company complained about (without the ' +
      'complainant). NOT_FOUND for anyone else, as for a complaint that does not exist.',
  })
  complaint(
    @Arg('id', () => ID, { description: 'Identifier of the complaint.' }) id: string,
    @Ctx() context: ComplaintsContext,
  ): Promise<Complaint> {
    return visibleComplaint(id, context);
  }

  @Query(() => ComplaintConnection, {
    description:
      'Complaints, newest first, in pages of `first` (default 20, at most 100). The Secretariat sees all; a member ' +
      'sees only those against its own company, whatever the filter says.',
  })
  async complaints(
    @Arg('filter', () => ComplaintFilter, { nullable: true, description: 'Conditions the complaints must meet.' })
    filter: ComplaintFilter | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size: 1 to 100, default 20.' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor after which the page starts.' })
    after: string | null,
    @Ctx() { viewer, database }: ComplaintsContext,
  ) {
    if (viewer.role === 'public') throw unauthenticated();
    if (viewer.role === 'partner') throw forbidden('Complaints are for the Secretariat and the companies concerned');
    const query = database.dataSource.getRepository(Complaint).createQueryBuilder('complaint');
    if (viewer.role === 'member') {
      query.andWhere('complaint.company_id = :own', { own: viewer.organizationId });
      query.andWhere('complaint.company_check = :passed', { passed: CompanyCheckStatus.PASSED });
    }
    if (filter?.companyCheck) query.andWhere('complaint.company_check = :companyCheck', { companyCheck: filter.companyCheck });
    if (filter?.companyId) query.andWhere('complaint.company_id = :companyId', { companyId: filter.companyId });
    if (filter?.statuses?.length) query.andWhere('complaint.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter?.kind) query.andWhere('complaint.kind = :kind', { kind: filter.kind });
    return paginate(
      ComplaintConnection,
      query,
      [
        { column: 'complaint.submitted_at', value: (c) => c.submittedAt, descending: true },
        { column: 'complaint.id', value: (c) => c.id, descending: true },
      ],
      { first, after },
    );
  }

  @Mutation(() => Complaint, {
    description:
      'Moves a complaint on in the process (Secretariat): RECEIVED → UNDER_ASSESSMENT → INADMISSIBLE (the note is the ' +
      'reason) or, for harm, REFERRED_TO_COMPANY_GRIEVANCE_MECHANISM / GOOD_OFFICES / UNDER_REVIEW, for violation ' +
      'reports MONITORING_FOLLOW_UP → RESOLVED (with `outcome`, and `remedy` if any) → CLOSED. An illegal move is ' +
      'BAD_USER_INPUT, a change by someone else meanwhile CONFLICT; either way nothing changes.',
  })
  async advanceComplaint(
    @Arg('id', () => ID, { description: 'Identifier of the complaint.' }) id: string,
    @Arg('to', () => ComplaintStatus, { description: 'The new status.' }) to: ComplaintStatus,
    @Arg('note', () => String, {
      description:
        'Why, 1 to 5000 characters; for INADMISSIBLE, the reason, which the complainant and the company read ' +
        '(audience COMPLAINANT_AND_COMPANY). Never put the complainant\'s identity in a note meant for the company.',
    })
    note: string,
    @Arg('audience', () => EventAudience, {
      defaultValue: EventAudience.SECRETARIAT_ONLY,
      description:
        'Who may read the note besides the Secretariat. Default SECRETARIAT_ONLY; the status change itself is shown ' +
        'to the complainant and the company anyway.',
    })
    audience: EventAudience,
    @Arg('outcome', () => String, { nullable: true, description: 'For RESOLVED: the outcome, up to 5000 characters.' })
    outcome: string | null,
    @Arg('remedy', () => String, { nullable: true, description: 'For RESOLVED: the remedy granted, if any.' })
    remedy: string | null,
    @Arg('expectedVersion', () => Int, {
      nullable: true,
      description: 'The `version` the decision was based on; CONFLICT if the complaint changed since.',
    })
    expectedVersion: number | null,
    @Ctx() context: ComplaintsContext,
  ): Promise<Complaint> {
    requireSecretariat(context.viewer);
    const checked = {
      to,
      note: text(note, 'note', { max: 5000 }),
      outcome: optionalText(outcome, 'outcome', 5000),
      remedy: optionalText(remedy, 'remedy', 5000),
      audience,
      expectedVersion,
    };
    const complaint = await visibleComplaint(id, context);
    const changed = await advanceComplaint(context.database, complaint, checked, context.viewer);
    context.loaders.complaint.clear(id).prime(id, changed);
    context.loaders.events.clear(id);
    return changed;
  }

  @Mutation(() => Complaint, {
    description:
      'The company\'s response to a complaint against it (members of that company): recorded in the timeline for ' +
      'the Secretariat and the company. NOT_FOUND for anyone else; BAD_USER_INPUT once the complaint is final.',
  })
  async respondToComplaint(
    @Arg('id', () => ID, { description: 'Identifier of the complaint.' }) id: string,
    @Arg('body', () => String, { description: 'The response, 1 to 20 000 characters.' }) body: string,
    @Ctx() context: ComplaintsContext,
  ): Promise<Complaint> {
    const { viewer } = context;
    if (viewer.role === 'public') throw unauthenticated();
    const response = text(body, 'body', { max: MAX_DESCRIPTION });
    const complaint = await visibleComplaint(id, context);
    if (!ownsRecord(viewer, complaint.companyId)) throw forbidden('Only members of the company complained about respond');
    if (!companyMayRespond(complaint.status)) {
      throw badUserInput(`The complaint is ${complaint.status}; it takes no more responses`, 'id');
    }
    const changed = await respondToComplaint(context.database, complaint, response, viewer);
    context.loaders.complaint.clear(id).prime(id, changed);
    context.loaders.events.clear(id);
    return changed;
  }

  @Mutation(() => ComplaintMessage, {
    description: 'The Secretariat writes to the complainant; they read it with their receipt code.',
  })
  async replyToComplainant(
    @Arg('id', () => ID, { description: 'Identifier of the complaint.' }) id: string,
    @Arg('body', () => String, { description: 'The message, 1 to 10 000 characters.' }) body: string,
    @Ctx() context: ComplaintsContext,
  ): Promise<ComplaintMessage> {
    requireSecretariat(context.viewer);
    const message = text(body, 'body', { max: MAX_MESSAGE });
    const complaint = await visibleComplaint(id, context);
    return addMessage(context.database, context.services.cipher, complaint, ComplaintActor.SECRETARIAT, message);
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The company complained about.' })
  company(@Root() complaint: Complaint): Organization {
    return organizationReference(complaint.companyId);
  }

  @FieldResolver(() => [ComplaintAllegation], { description: 'The provisions of the Code alleged to have been violated.' })
  allegations(@Root() complaint: Complaint, @Ctx() { loaders }: ComplaintsContext) {
    return loaders.allegations.load(complaint.id);
  }

  @FieldResolver(() => [ComplaintEvent], {
    description:
      'What happened to the complaint, oldest first. The Secretariat sees every entry and note; the company sees ' +
      'the status changes, its own responses and the notes written for it.',
  })
  async timeline(@Root() complaint: Complaint, @Ctx() { viewer, loaders }: ComplaintsContext) {
    return timelineFor(await loaders.events.load(complaint.id), isSecretariat(viewer) ? 'SECRETARIAT' : 'COMPANY');
  }

  @Authorized(Access.Secretariat)
  @FieldResolver(() => Complainant, {
    description: 'Who filed the complaint and how to reach them: the Secretariat alone may read this.',
  })
  complainant(@Root() complaint: Complaint, @Ctx() { services }: ComplaintsContext): Complainant {
    const open = (value: string | null, field: string) =>
      value === null ? null : services.cipher.decrypt(value, aad(complaint.id, field));
    const representative = open(complaint.representativeEncrypted, 'representative');
    return Object.assign(new Complainant(), {
      anonymous: complaint.anonymous,
      name: open(complaint.complainantNameEncrypted, 'complainant-name'),
      contact: open(complaint.complainantContactEncrypted, 'complainant-contact'),
      representative: representative ? JSON.parse(representative) : null,
    });
  }

  @Authorized(Access.Secretariat)
  @FieldResolver(() => [ComplaintMessage], {
    description: 'Messages between the complainant and the Secretariat, oldest first (Secretariat only).',
  })
  messages(@Root() complaint: Complaint, @Ctx() { loaders }: ComplaintsContext) {
    return loaders.messages.load(complaint.id);
  }
}

function followUp(complaint: Complaint): ComplaintFollowUp {
  return Object.assign(new ComplaintFollowUp(), {
    complaintId: complaint.id,
    companyId: complaint.companyId,
    referenceNumber: complaint.referenceNumber,
    kind: complaint.kind,
    status: complaint.status,
    incidentDate: complaint.incidentDate,
    incidentCountry: complaint.incidentCountry,
    inadmissibilityReason: complaint.inadmissibilityReason,
    outcome: complaint.outcome,
    remedy: complaint.remedy,
    submittedAt: complaint.submittedAt,
    updatedAt: complaint.updatedAt,
  });
}

/** The complainant's side: follow the complaint and write to the Secretariat with the receipt code. */
@Resolver(() => ComplaintFollowUp)
export class ComplaintFollowUpResolver {
  @Query(() => ComplaintFollowUp, {
    nullable: true,
    description:
      'The complaint a receipt code belongs to, as its complainant follows it. Null for a wrong code, exactly as ' +
      'for a code that never existed. Public: the code is the credential.',
  })
  async complaintByReceipt(
    @Arg('receiptCode', () => String, { description: 'The receipt code given when the complaint was filed.' })
    receiptCode: string,
    @Ctx() { database }: ComplaintsContext,
  ): Promise<ComplaintFollowUp | null> {
    const complaint = await findByReceipt(database, receiptCode);
    return complaint ? followUp(complaint) : null;
  }

  @Mutation(() => ComplaintMessage, {
    description:
      'The complainant writes to the Secretariat with the receipt code (never shown to the company). NOT_FOUND for ' +
      'a wrong code; BAD_USER_INPUT once the complaint is closed.',
  })
  async sendComplaintMessage(
    @Arg('receiptCode', () => String, { description: 'The receipt code given when the complaint was filed.' })
    receiptCode: string,
    @Arg('body', () => String, { description: 'The message, 1 to 10 000 characters.' }) body: string,
    @Ctx() { database, services, acceptLanguage }: ComplaintsContext,
  ): Promise<ComplaintMessage> {
    const complaint = await findByReceipt(database, receiptCode);
    // Worded in the language of the complaint, or else of the caller's browser.
    const language = messageLanguage(complaint?.language, acceptLanguage);
    try {
      if (!complaint) throw notFound('A complaint with this receipt code');
      const message = text(body, 'body', { max: MAX_MESSAGE });
      if (!complainantMayWrite(complaint.status)) throw badUserInput('The complaint is closed', 'receiptCode');
      return await addMessage(database, services.cipher, complaint, ComplaintActor.COMPLAINANT, message);
    } catch (error) {
      throw forThePersonFiling(error, language, 'receiptCode');
    }
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The company complained about.' })
  company(@Root() view: ComplaintFollowUp): Organization {
    return organizationReference(view.companyId);
  }

  @FieldResolver(() => [ComplaintAllegation], { description: 'The provisions of the Code alleged.' })
  allegations(@Root() view: ComplaintFollowUp, @Ctx() { loaders }: ComplaintsContext) {
    return loaders.allegations.load(view.complaintId);
  }

  @FieldResolver(() => [ComplaintEvent], {
    description: 'What happened to the complaint, oldest first: the filing, each status change, and the notes written for you.',
  })
  async timeline(@Root() view: ComplaintFollowUp, @Ctx() { loaders }: ComplaintsContext) {
    return timelineFor(await loaders.events.load(view.complaintId), 'COMPLAINANT');
  }

  @FieldResolver(() => [ComplaintMessage], { description: 'Your messages with the Secretariat, oldest first.' })
  messages(@Root() view: ComplaintFollowUp, @Ctx() { loaders }: ComplaintsContext) {
    return loaders.messages.load(view.complaintId);
  }
}

/** Decrypts a message's body when it is read. */
@Resolver(() => ComplaintMessage)
export class ComplaintMessageResolver {
  @FieldResolver(() => String, { description: 'The text of the message.' })
  body(@Root() message: ComplaintMessage, @Ctx() { services }: ComplaintsContext): string {
    return services.cipher.decrypt(message.bodyEncrypted, aad(message.complaintId, `message:${message.id}`));
  }
}
