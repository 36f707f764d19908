import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  Access,
  badUserInput,
  countryName,
  forbidden,
  isSecretariat,
  Language,
  LANGUAGE_ARGUMENT,
  optionalText,
  ownsRecord,
  REGION_NAME_DESCRIPTION,
  regionName,
  PageArgs,
  requireSecretariat,
  text,
  unauthenticated,
} from '../../../shared/src';
import { codeReference } from '../catalogue/catalogue.service';
import { messageLanguage } from '../catalogue/catalogue.texts';
import { CodeReference } from '../catalogue/catalogue.types';
import { forThePersonFiling } from '../catalogue/error.texts';
import { organizationReference, Organization } from '../organization/organization.entity';
import { checkSubmission, submitComplaint } from './complaint-filing.service';
import { Complaint, ComplaintAllegation, ComplaintEvent, ComplaintInternalNote, ComplaintMessage } from './complaint.entity';
import { ComplaintActor, ComplaintOrder, ComplaintStatus, EventAudience } from './complaint.enums';
import type { ComplaintsContext } from '../context';
import { visibleComplaint } from './complaint.access';
import { companyMayRespond, timelineFor } from './complaint.rules';
import {
  addInternalNote,
  addMessage,
  advanceComplaint,
  checkCaseDescription,
  complainantOf,
  describeCase,
  internalNoteText,
  listComplaints,
  MAX_INTERNAL_NOTE,
  MAX_MESSAGE,
  messageBody,
  respondToComplaint,
} from './complaint.service';
import {
  Complainant,
  ComplaintConnection,
  ComplaintFilter,
  ComplaintReceipt,
  SubmitComplaintInput,
} from './complaint.types';

const MAX_RESPONSE = 20_000;

/** Complaints as the Secretariat handles them and the companies complained about see them. */
@Resolver(() => Complaint)
export class ComplaintResolver {
  @FieldResolver(() => String, { description: 'Name of `incidentCountry` in the language asked.' })
  incidentCountryName(@Root() complaint: Complaint, @Arg('language', () => Language, LANGUAGE_ARGUMENT) language: Language): string {
    return countryName(complaint.incidentCountry, language);
  }

  @FieldResolver(() => String, { nullable: true, description: REGION_NAME_DESCRIPTION })
  incidentRegionName(@Root() complaint: Complaint): string | null {
    return regionName(complaint.incidentRegion);
  }

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
    nullable: true,
    description:
      'The case list: complaints in `orderBy` (received newest first by default), in pages of `first` (default 20, at ' +
      'most 100) read forwards or of `last` read backwards, with `totalCount` for any filter. The Secretariat sees all; a member sees only those against its own ' +
      'company (once its company check passed), whatever the filter says, and may not use the Secretariat\'s ' +
      'casework filters and orders (`search`, case officer, deadlines, activity: FORBIDDEN).',
  })
  async complaints(
    @Arg('filter', () => ComplaintFilter, { nullable: true, description: 'Conditions the complaints must meet.' })
    filter: ComplaintFilter | null,
    @Arg('orderBy', () => ComplaintOrder, {
      defaultValue: ComplaintOrder.RECEIVED_NEWEST_FIRST,
      description: 'How the complaints are sorted; a cursor is valid only in the order it was read in.',
    })
    orderBy: ComplaintOrder,
    @Args() page: PageArgs,
    @Ctx() { viewer, database }: ComplaintsContext,
  ) {
    if (viewer.role === 'public') throw unauthenticated();
    if (viewer.role === 'partner') throw forbidden('Complaints are for the Secretariat and the companies concerned');
    return listComplaints(database, viewer, filter, page, orderBy);
  }

  @Mutation(() => Complaint, {
    description:
      'The Secretariat writes or replaces its case summary of a complaint and sets the region of the incident; what ' +
      'is not given stays as it is. A region outside the complaint\'s country, or a summary too long, is ' +
      'BAD_USER_INPUT; a change by someone else since `expectedVersion` is CONFLICT; either way nothing changes.',
  })
  async describeComplaintCase(
    @Arg('id', () => ID, { description: 'Identifier of the complaint.' }) id: string,
    @Arg('caseSummary', () => String, {
      nullable: true,
      description:
        'The Secretariat\'s summary of the case, 1 to 4000 characters, replacing any earlier one. Read by the ' +
        'Secretariat alone, and searched by the case list.',
    })
    caseSummary: string | null,
    @Arg('incidentRegion', () => String, {
      nullable: true,
      description: 'Region of the incident, ISO 3166-2, within the complaint\'s `incidentCountry` (e.g. `IQ-BA` for `IQ`).',
    })
    incidentRegion: string | null,
    @Arg('expectedVersion', () => Int, {
      nullable: true,
      description: 'The `version` the description was based on; CONFLICT if the complaint changed since.',
    })
    expectedVersion: number | null,
    @Ctx() context: ComplaintsContext,
  ): Promise<Complaint> {
    requireSecretariat(context.viewer);
    const complaint = await visibleComplaint(id, context);
    const description = checkCaseDescription(complaint, { caseSummary, incidentRegion, expectedVersion });
    const changed = await describeCase(context.database, complaint, description);
    context.loaders.complaint.clear(id).prime(id, changed);
    return changed;
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
    const changed = await advanceComplaint(context.database, complaint, checked, context.viewer, context.services.stageDueAt);
    context.services.notices.wake();
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
    const response = text(body, 'body', { max: MAX_RESPONSE });
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
    const sent = await addMessage(context.database, context.services.cipher, complaint, ComplaintActor.SECRETARIAT, message);
    context.services.notices.wake();
    return sent;
  }

  @Mutation(() => ComplaintInternalNote, {
    description:
      'The Secretariat keeps an internal note on a complaint: it changes neither the status nor the timeline, and ' +
      'neither the complainant nor the company ever reads it. Notes are never changed or removed.',
  })
  async addComplaintInternalNote(
    @Arg('complaintId', () => ID, { description: 'Identifier of the complaint.' }) complaintId: string,
    @Arg('text', () => String, { description: 'The note, 1 to 4000 characters.' }) note: string,
    @Ctx() context: ComplaintsContext,
  ): Promise<ComplaintInternalNote> {
    requireSecretariat(context.viewer);
    const checked = text(note, 'text', { max: MAX_INTERNAL_NOTE });
    const complaint = await visibleComplaint(complaintId, context);
    const added = await addInternalNote(context.database, context.services.cipher, complaint, checked, context.viewer);
    context.loaders.internalNotes.clear(complaintId);
    return added;
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
    return complainantOf(complaint, services.cipher);
  }

  @Authorized(Access.Secretariat)
  @FieldResolver(() => [ComplaintMessage], {
    description: 'Messages between the complainant and the Secretariat, oldest first (Secretariat only).',
  })
  messages(@Root() complaint: Complaint, @Ctx() { loaders }: ComplaintsContext) {
    return loaders.messages.load(complaint.id);
  }

  @Authorized(Access.Secretariat)
  @FieldResolver(() => [ComplaintInternalNote], {
    description:
      'The Secretariat\'s internal notes on the complaint, oldest first (Secretariat only; never shown to the ' +
      'complainant or the company). The notes of status changes stay in `timeline`.',
  })
  internalNotes(@Root() complaint: Complaint, @Ctx() { loaders }: ComplaintsContext) {
    return loaders.internalNotes.load(complaint.id);
  }
}

/** Decrypts an internal note's text when it is read. */
@Resolver(() => ComplaintInternalNote)
export class ComplaintInternalNoteResolver {
  @FieldResolver(() => String, { description: 'What the Secretariat wrote.' })
  text(@Root() note: ComplaintInternalNote, @Ctx() { services }: ComplaintsContext): string {
    return internalNoteText(note, services.cipher);
  }
}

/** Decrypts a message's body when it is read. */
@Resolver(() => ComplaintMessage)
export class ComplaintMessageResolver {
  @FieldResolver(() => String, { description: 'The text of the message.' })
  body(@Root() message: ComplaintMessage, @Ctx() { services }: ComplaintsContext): string {
    return messageBody(message, services.cipher);
  }
}

/** How each allegation cites the Code, in the version the complainant chose. */
@Resolver(() => ComplaintAllegation)
export class ComplaintAllegationResolver {
  @FieldResolver(() => CodeReference, {
    description:
      'The provision as cited in the allegation\'s text of the Code: heading, label, section, and paragraphs for the ' +
      '2010 text (null for the 2021 text, whose numbering is not confirmed).',
  })
  reference(@Root() allegation: ComplaintAllegation): CodeReference {
    return codeReference(allegation.provision, allegation.codeVersion);
  }
}
