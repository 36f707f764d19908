import { Field, ID, InputType, Int } from 'type-graphql';
import { CalendarDate, ConnectionType } from '../../../shared/src';
import { SELF_ASSESSMENT_AREAS, SelfAssessment, SelfAssessmentCycle } from './self-assessment.entity';

/** GraphQL inputs and pages of self-assessments and their cycles. */

@InputType({ description: 'A company\'s self-assessment, in its four areas (each 1 to 10000 characters).' })
export class SubmitSelfAssessmentInput {
  @Field(() => Int, {
    description: 'The year of the cycle it answers: a cycle already sent (open from its `sentOn`, late answers taken) that covers the company.',
  })
  year: number;

  @Field({ description: SELF_ASSESSMENT_AREAS.humanRightsCommitment })
  humanRightsCommitment: string;

  @Field({ description: SELF_ASSESSMENT_AREAS.humanRightsDueDiligence })
  humanRightsDueDiligence: string;

  @Field({ description: SELF_ASSESSMENT_AREAS.grievanceAndIncidentReporting })
  grievanceAndIncidentReporting: string;

  @Field({ description: SELF_ASSESSMENT_AREAS.training })
  training: string;
}

export const SelfAssessmentConnection = ConnectionType(SelfAssessment, 'SelfAssessment', 'self-assessments');

@InputType({ description: 'A self-assessment cycle the Secretariat sends.' })
export class OpenSelfAssessmentCycleInput {
  @Field(() => Int, { description: 'The year it is for, 2000 to 2100; one cycle a year.' })
  year: number;

  @Field(() => CalendarDate, {
    description: 'Day the questionnaire is sent. It covers the member and affiliate companies (active or suspended) of that day.',
  })
  sentOn: string;

  @Field(() => CalendarDate, { description: 'Last day to answer; after `sentOn`.' })
  dueOn: string;

  @Field(() => [ID], {
    nullable: true,
    description:
      'The companies the cycle is sent to (1 to 5000 private security companies), when not every member or affiliate ' +
      'company of `sentOn`; when omitted the cycle covers those.',
  })
  organizationIds?: string[] | null;
}

export const SelfAssessmentCycleConnection = ConnectionType(SelfAssessmentCycle, 'SelfAssessmentCycle', 'self-assessment cycles');
