import { Field, InputType, ObjectType } from 'type-graphql';
import { Timestamp } from '../../../shared/src';

/** The case officer a complaint is assigned to now. */
@ObjectType({ description: 'The case officer of the Secretariat responsible for a complaint.' })
export class CaseOfficer {
  @Field({ description: 'Who they are: the subject of their token (what `complaintsDue(assignedOfficer:)` takes).' })
  subject: string;

  @Field({ description: 'Their name, as given when the complaint was assigned to them.' })
  name: string;

  @Field(() => Timestamp, {
    nullable: true,
    description: 'Since when they hold the complaint; null only for an assignment recorded without its history.',
  })
  since: string | null;
}

/** Whom the Secretariat assigns a complaint to. */
@InputType({ description: 'A case officer of the Secretariat, to assign a complaint to.' })
export class CaseOfficerInput {
  @Field({ description: 'The subject of the officer\'s token (the `sub` their sign-in gives), 1 to 100 characters.' })
  subject: string;

  @Field({ description: 'Their name as colleagues know it, 1 to 200 characters.' })
  name: string;
}
