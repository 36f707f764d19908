import { Authorized, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Access, CalendarDate, ConnectionType, PublicCache, Timestamp, type OwnedByOrganization } from '../../../shared/src';
import { ProtectedCount } from '../disclosure/protected-count';
import { Complaint } from './complaint.entity';
import { ComplaintKind } from '../catalogue/catalogue.enums';
import { CodeProvision, CodeVersion, CompanyCheckStatus, ComplaintStatus } from './complaint.enums';

@InputType({ description: 'A provision of the Code the complaint alleges was violated.' })
export class AllegationInput {
  @Field(() => CodeProvision, { description: 'The provision.' })
  provision: CodeProvision;

  @Field(() => CodeVersion, {
    defaultValue: CodeVersion.CODE_2021,
    description:
      'The text of the Code cited; the amended 2021 Code when omitted. Either text is cited by provision; only the ' +
      '2010 text\'s paragraph numbers are shown (the 2021 numbering is not confirmed).',
  })
  codeVersion: CodeVersion;
}

@InputType({ description: 'Someone who files for the person harmed (a lawyer, an NGO, a relative).' })
export class RepresentativeInput {
  @Field({ description: 'Name of the representative, 1 to 200 characters.' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Organization the representative acts for, up to 200 characters.' })
  organization?: string | null;

  @Field(() => String, { nullable: true, description: 'How to reach the representative, up to 500 characters.' })
  contact?: string | null;
}

@InputType({
  description:
    'A complaint against a member company. No account is needed. Who you are (name, contact, representative) is ' +
    'stored encrypted and shown to the Association\'s Secretariat alone, never to the company or the public.',
})
export class SubmitComplaintInput {
  @Field(() => ID, {
    description: 'The company complained about: an organization that is or was a member or affiliate company.',
  })
  companyId: string;

  @Field(() => ComplaintKind, { description: 'Harm to you or to the person you represent, or a report of a violation.' })
  kind: ComplaintKind;

  @Field(() => CalendarDate, {
    description: 'Day of the incident (or when it began); not in the future, nor before 2010-11-09, when the Code was adopted.',
  })
  incidentDate: string;

  @Field({ description: 'Country of the incident, ISO 3166-1 alpha-2 (e.g. `KE`).' })
  incidentCountry: string;

  @Field(() => String, {
    nullable: true,
    description: 'Region of the incident, if you know it: an ISO 3166-2 code within the country (e.g. `KE-30` in `KE`).',
  })
  incidentRegion?: string | null;

  @Field(() => [AllegationInput], {
    description: 'The provisions of the Code alleged to have been violated: 1 to 25, each once.',
  })
  allegations: AllegationInput[];

  @Field({ description: 'What happened, in your words: 1 to 20 000 characters.' })
  description: string;

  @Field({ description: 'Language the description is written in, e.g. `en`, `fr`, `es`, `ar`, `sw`.' })
  language: string;

  @Field({
    defaultValue: false,
    description: 'File without giving your name (you can still leave a way to reach you). Default false.',
  })
  anonymous: boolean;

  @Field(() => String, { nullable: true, description: 'Your name (required unless anonymous), up to 200 characters.' })
  complainantName?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'How the Secretariat can reach you (e-mail, telephone, address), up to 500 characters.',
  })
  complainantContact?: string | null;

  @Field(() => RepresentativeInput, {
    nullable: true,
    description: 'Who files for the person harmed; required for HARM_TO_REPRESENTED_PERSON.',
  })
  representative?: RepresentativeInput | null;

  @Field(() => String, {
    nullable: true,
    description:
      'An e-mail address for notices only, if you want one (e.g. `name@example.org`): used for nothing but telling ' +
      'you that a reply is waiting, never to send you the reply itself, your receipt code or anything about the ' +
      'company. Stored encrypted, apart from `complainantContact`, and shown to the Secretariat alone.',
  })
  noticeEmail?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Whether to be told by e-mail, at `noticeEmail`, when the Secretariat has written to you. Default: true when ' +
      'you give a `noticeEmail`. Change it later with `setReplyNotices` and your receipt code.',
  })
  notifyWhenReplied?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description:
      'A value of your choosing, 16 to 200 characters (e.g. a UUID), sent again unchanged when you retry after a ' +
      'failed connection. The same key files one complaint only: a retry within 24 hours answers the same reference ' +
      'number and the same receipt code (kept encrypted for those 24 hours only, then erased); a later retry answers ' +
      'CONFLICT with the reference number, since only a hash of the receipt code is kept.',
  })
  idempotencyKey?: string | null;
}

@ObjectType({ description: 'What filing a complaint answers. Keep the receipt code: it is shown this once.' })
export class ComplaintReceipt {
  @Field({ description: 'Reference of the complaint, e.g. `ICOCA-2026-000123`, to quote in any correspondence.' })
  referenceNumber: string;

  @Field({
    description:
      'Your secret code to follow the complaint and write to the Secretariat (`complaintByReceipt`, ' +
      '`sendComplaintMessage`). 120 random bits; only a hash is stored, so it cannot be recovered if lost.',
  })
  receiptCode: string;

  @Field(() => ComplaintStatus, { description: 'Status of the complaint: RECEIVED.' })
  status: ComplaintStatus;

  @Field(() => Timestamp, { description: 'When the complaint was filed.' })
  submittedAt: string;
}

@ObjectType({ description: 'The complainant\'s representative (Secretariat only).' })
export class Representative {
  @Field({ description: 'Name of the representative.' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Organization the representative acts for.' })
  organization: string | null;

  @Field(() => String, { nullable: true, description: 'How to reach the representative.' })
  contact: string | null;
}

@ObjectType({ description: 'Who filed a complaint, decrypted for the Secretariat alone.' })
export class Complainant {
  @Field({ description: 'True when the complainant chose not to give their name.' })
  anonymous: boolean;

  @Field(() => String, { nullable: true, description: 'The complainant\'s name; null when anonymous.' })
  name: string | null;

  @Field(() => String, { nullable: true, description: 'How to reach the complainant, if given.' })
  contact: string | null;

  @Field(() => Representative, { nullable: true, description: 'Who filed for the person harmed, if anyone.' })
  representative: Representative | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The address the complainant gave for e-mail notices only (a reply is waiting), if any; not a way to write ' +
      'to them: write with `replyToComplainant`.',
  })
  noticeEmail: string | null;

  @Field({ description: 'Whether the complainant is told by e-mail when a reply is waiting.' })
  notifyWhenReplied: boolean;
}

/** The complaint as its complainant sees it with the receipt code. */
@ObjectType({
  description:
    'A complaint as its complainant follows it with the receipt code: status, the timeline written for them, and ' +
    'their messages with the Secretariat.',
})
export class ComplaintFollowUp {
  /** Not exposed: the complainant needs no internal id. */
  complaintId: string;

  companyId: string;

  @Field({ description: 'Reference of the complaint.' })
  referenceNumber: string;

  @Field(() => ComplaintKind, { description: 'The kind of complaint filed.' })
  kind: ComplaintKind;

  @Field(() => ComplaintStatus, { description: 'Where the complaint stands now.' })
  status: ComplaintStatus;

  @Field(() => CalendarDate, { description: 'Day of the incident.' })
  incidentDate: string;

  @Field({ description: 'Country of the incident, ISO 3166-1 alpha-2.' })
  incidentCountry: string;

  @Field(() => String, { nullable: true, description: 'Region of the incident, ISO 3166-2 (e.g. `KE-30`); null when not known.' })
  incidentRegion: string | null;

  @Field(() => String, { nullable: true, description: 'Why the complaint was found inadmissible; null otherwise.' })
  inadmissibilityReason: string | null;

  @Field(() => String, { nullable: true, description: 'The outcome, once resolved.' })
  outcome: string | null;

  @Field(() => String, { nullable: true, description: 'The remedy granted, once resolved, if any.' })
  remedy: string | null;

  @Field(() => Timestamp, { description: 'When the complaint was filed.' })
  submittedAt: string;

  @Field(() => Timestamp, { description: 'When the complaint last changed.' })
  updatedAt: string;

  @Field({
    description:
      'Whether you are told by e-mail when the Secretariat has written to you (the address itself is not shown ' +
      'here; change it with `setReplyNotices`).',
  })
  notifyWhenReplied: boolean;
}

@InputType({ description: 'Narrows a list of complaints; all given conditions must hold.' })
export class ComplaintFilter {
  @Field(() => ID, { nullable: true, description: 'Only complaints against this company.' })
  companyId?: string | null;

  @Field(() => [ComplaintStatus], { nullable: true, description: 'Only complaints in one of these statuses.' })
  statuses?: ComplaintStatus[] | null;

  @Field(() => ComplaintKind, { nullable: true, description: 'Only complaints of this kind.' })
  kind?: ComplaintKind | null;

  @Field(() => [ComplaintKind], { nullable: true, description: 'Only complaints of one of these kinds.' })
  kinds?: ComplaintKind[] | null;

  @Field(() => CalendarDate, { nullable: true, description: 'Only complaints received (filed) on this day or later (UTC).' })
  receivedFrom?: string | null;

  @Field(() => CalendarDate, { nullable: true, description: 'Only complaints received (filed) on this day or earlier (UTC).' })
  receivedTo?: string | null;

  @Field(() => CalendarDate, { nullable: true, description: 'Only complaints whose incident happened on this day or later.' })
  incidentFrom?: string | null;

  @Field(() => CalendarDate, { nullable: true, description: 'Only complaints whose incident happened on this day or earlier.' })
  incidentTo?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Only complaints about an incident in one of these countries, ISO 3166-1 alpha-2 (e.g. `IQ`); at most 50.',
  })
  countries?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Only complaints about an incident in one of these regions, ISO 3166-2 (e.g. `IQ-BA`); at most 50.',
  })
  regions?: string[] | null;

  @Field(() => [CodeProvision], {
    nullable: true,
    description: 'Only complaints alleging a violation of at least one of these provisions of the Code; at most 50.',
  })
  provisions?: CodeProvision[] | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Only complaints assigned to this case officer (the subject of their token). Secretariat only (FORBIDDEN for a ' +
      'company member).',
  })
  assignedOfficer?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'true: only complaints assigned to no case officer; false: only those assigned to one. Secretariat only.',
  })
  unassigned?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'true: only complaints whose stage is past its due date; false: only those not overdue (or without a due date). ' +
      'Secretariat only.',
  })
  overdue?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Text (1 to 100 characters) matching the reference number (exactly or its beginning, e.g. `ICOCA-2026-00`) or ' +
      'a part of the Secretariat\'s case summary (any case). Never the complainant\'s description, identity or ' +
      'messages. Secretariat only: FORBIDDEN for a company member, who may not search the case summaries.',
  })
  search?: string | null;

  @Field(() => CompanyCheckStatus, {
    nullable: true,
    description:
      'Only complaints whose company check is in this state, e.g. PENDING for those whose company check is pending. ' +
      'A member only ever sees complaints whose check PASSED.',
  })
  companyCheck?: CompanyCheckStatus | null;
}

/** A page of complaints (`complaints`), newest first. */
export const ComplaintConnection = ConnectionType(Complaint, 'Complaint', 'complaints');

@PublicCache()
@ObjectType({ description: 'Complaints received in one calendar year (of filing).' })
export class ComplaintYearCount {
  @Field(() => Int, { description: 'The calendar year the complaints were filed in.' })
  year: number;

  @Field(() => Int, { description: 'Complaints filed that year.' })
  received: number;

  @Field(() => Int, { description: 'Of those, complaints still being handled.' })
  open: number;

  @Field(() => Int, { description: 'Of those, complaints closed or found inadmissible.' })
  closed: number;
}

@PublicCache()
@ObjectType({ description: 'How many complaints cite one provision of the Code.' })
export class ComplaintProvisionCount {
  @Field(() => CodeProvision, { description: 'The provision of the Code.' })
  provision: CodeProvision;

  @Field(() => Int, { description: 'Complaints alleging a violation of it.' })
  count: number;
}

@PublicCache()
@ObjectType({
  description:
    'Aggregate statistics of the complaints against one company. The public reads one figure, `total`: the complaints ' +
    'received up to `asOf`, withheld when fewer than 5 (as every public count of complaints, see `ProtectedCount`). ' +
    'It counts years that have ended only and moves only in steps of 5 or more, so reading it on two days never ' +
    'tells a small number of complaints (not one new complaint, not a year of fewer than 5). The exact counts, by ' +
    'year and by provision, are for the Secretariat and the company itself (a member token of this organization).',
})
export class ComplaintStatistics implements OwnedByOrganization {
  /** The company the statistics are about: members of it may read the exact counts. */
  organizationId: string;

  get ownerOrganizationId(): string {
    return this.organizationId;
  }

  @Field(() => ProtectedCount, {
    description:
      'Complaints received up to `asOf`, for everyone: withheld when fewer than 5 (`value: null, fewerThan: 5`).',
  })
  total: ProtectedCount;

  @Field(() => CalendarDate, {
    description:
      'The last day `total` counts: 31 December of the last year that ended with 5 or more complaints more than the ' +
      'previous `asOf` (or of the last year that has ended, while `total` is withheld).',
  })
  asOf: string;

  @Authorized(Access.Secretariat, Access.OwnOrganization)
  @Field(() => Int, {
    nullable: true,
    description: 'Complaints received in all, to date: for the Secretariat and members of this organization only.',
  })
  received: number | null;

  @Authorized(Access.Secretariat, Access.OwnOrganization)
  @Field(() => Int, { nullable: true, description: 'Complaints still being handled: for the Secretariat and members of this organization only.' })
  open: number | null;

  @Authorized(Access.Secretariat, Access.OwnOrganization)
  @Field(() => Int, {
    nullable: true,
    description: 'Complaints closed or found inadmissible: for the Secretariat and members of this organization only.',
  })
  closed: number | null;

  @Authorized(Access.Secretariat, Access.OwnOrganization)
  @Field(() => [ComplaintYearCount], {
    nullable: true,
    description: 'The same counts per year of filing, oldest first: for the Secretariat and members of this organization only.',
  })
  byYear: ComplaintYearCount[] | null;

  // `byProvision` is resolved on its own (ComplaintStatisticsFields): a second statement, run only when asked.
}
