import { Field, InputType, Int } from 'type-graphql';
import { ConnectionType } from '../../../shared/src';
import { SELF_ASSESSMENT_AREAS, SelfAssessment } from './self-assessment.entity';

/** GraphQL input and page of self-assessments. */

@InputType({ description: 'A company\'s annual self-assessment, in its four areas (each 1 to 10000 characters).' })
export class SubmitSelfAssessmentInput {
  @Field(() => Int, { description: 'The year it is for: the current year, or an earlier year it was owed for.' })
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
