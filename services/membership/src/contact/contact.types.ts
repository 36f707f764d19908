import { Field, InputType } from 'type-graphql';

@InputType({ description: 'A contact person\'s details.' })
export class ContactInput {
  @Field({ description: 'Full name, 1 to 200 characters (NFKC; control and invisible characters refused).' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Role in the organization, e.g. "Head of compliance".' })
  role?: string | null;

  @Field({ description: 'E-mail address.' })
  email: string;

  @Field(() => String, { nullable: true, description: 'Telephone number, up to 50 characters.' })
  phone?: string | null;
}
