import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { CalendarDate, ConnectionType } from '../../../shared/src';
import {
  CertificationApplication,
  CertificationApplicationStatus,
  CertificationDecisionKind,
  CertificationDocumentKind,
} from './application.entity';

@InputType({ description: 'A document attached to an application: an uploaded document of the company, and what it is.' })
export class AttachDocumentInput {
  @Field(() => CertificationDocumentKind, { description: 'What the document is.' })
  kind: CertificationDocumentKind;

  @Field(() => ID, { description: 'The id `POST /documents` answered; the document must belong to the company.' })
  documentId: string;

  @Field({ defaultValue: false, description: 'True when parts of the report are blacked out.' })
  redacted: boolean;

  @Field(() => String, { nullable: true, description: 'Why it is redacted: required when `redacted` is true. Up to 4000 characters.' })
  redactionExplanation?: string | null;
}

@InputType({
  description:
    'What an application says about the third-party certificate, and its documents. Everything may be left out of a ' +
    'draft; submission needs it all.',
})
export class CertificationApplicationInput {
  @Field(() => String, {
    nullable: true,
    description: 'The standard as written on the certificate, e.g. "ISO 18788:2015" (recognized standards only).',
  })
  standard?: string | null;

  @Field(() => ID, { nullable: true, description: 'The certification body that issued it (see `certificationBodies`).' })
  certificationBodyId?: string | null;

  @Field(() => String, { nullable: true, description: 'Number printed on the certificate. 1 to 100 characters.' })
  certificateNumber?: string | null;

  @Field(() => String, { nullable: true, description: 'Scope as written on the certificate. 1 to 4000 characters.' })
  scope?: string | null;

  @Field(() => [String], { nullable: true, description: 'Countries of operation covered, ISO 3166-1 alpha-2.' })
  countriesCovered?: string[] | null;

  @Field(() => CalendarDate, { nullable: true, description: 'Day of issue of the certificate.' })
  issuedOn?: string | null;

  @Field(() => CalendarDate, { nullable: true, description: 'Last day of validity of the certificate.' })
  expiresOn?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Whether the certification body required a corrective action plan, as its AUDIT_REPORT says; the plan is then a ' +
      'required document. False for a new application when left out.',
  })
  correctiveActionPlanRequired?: boolean | null;

  @Field(() => [AttachDocumentInput], {
    nullable: true,
    description: 'The attached documents; when given, replaces the whole list (at most 50).',
  })
  documents?: AttachDocumentInput[] | null;
}

@InputType({ description: 'The Secretariat\'s decision on an application under review.' })
export class CertificationDecisionInput {
  @Field(() => CertificationDecisionKind, { description: 'Certify or refuse.' })
  decision: CertificationDecisionKind;

  @Field({ description: 'The reasons, shown to the company. 1 to 4000 characters.' })
  reasons: string;

  @Field(() => String, { nullable: true, description: 'For a refusal (required then): what is missing. Up to 4000 characters.' })
  missing?: string | null;
}

@InputType({ description: 'Narrows the list of applications; all given conditions must hold.' })
export class CertificationApplicationFilter {
  @Field(() => CertificationApplicationStatus, { nullable: true, description: 'Only applications in this status.' })
  status?: CertificationApplicationStatus | null;

  @Field(() => ID, { nullable: true, description: 'Only this company\'s applications.' })
  organizationId?: string | null;
}

export const CertificationApplicationConnection = ConnectionType(
  CertificationApplication,
  'CertificationApplication',
  'certification applications',
);

/** How the Secretariat's queue of applications is sorted. */
export enum CertificationApplicationOrder {
  RECEIVED_OLDEST_FIRST = 'RECEIVED_OLDEST_FIRST',
  RECEIVED_NEWEST_FIRST = 'RECEIVED_NEWEST_FIRST',
}
registerEnumType(CertificationApplicationOrder, {
  name: 'CertificationApplicationOrder',
  description:
    'How the queue of applications is sorted, by the day the application was started. A cursor belongs to the order it was ' +
    'read in: under another order it is BAD_USER_INPUT.',
  valuesConfig: {
    RECEIVED_OLDEST_FIRST: { description: 'Started longest ago first: the default, the queue in the order it came in.' },
    RECEIVED_NEWEST_FIRST: { description: 'Started most recently first.' },
  },
});
