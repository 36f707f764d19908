import { Field, InputType, Int } from 'type-graphql';
import { ConnectionType } from '../../../shared/src';
import { SelfAssessment } from './self-assessment.entity';

/** GraphQL input and page of self-assessments. */

@InputType({ description: 'A company\'s annual self-assessment, in its four areas (each 1 to 10000 characters).' })
export class SubmitSelfAssessmentInput {
  @Field(() => Int, { description: 'The year it is for: the current year, or an earlier year it was owed for.' })
  year: number;

  @Field({ description: 'Commitment to human rights: policies adopting the Code and how they are applied.' })
  humanRightsCommitment: string;

  @Field({ description: 'Human-rights due diligence: how risks to people are identified and addressed.' })
  humanRightsDueDiligence: string;

  @Field({ description: 'Grievance mechanism and incident reporting.' })
  grievanceAndIncidentReporting: string;

  @Field({ description: 'Training of personnel on the Code, the use of force and human rights.' })
  training: string;
}

export const SelfAssessmentConnection = ConnectionType(SelfAssessment, 'SelfAssessment', 'self-assessments');
