import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CodeProvision, CodeVersion, PublicCache, SHARED_DESCRIPTIONS } from '../../../shared/src';
import { ComplaintKind } from './catalogue.enums';

/** Which way a text is written, for the form's `dir` attribute. */
export enum TextDirection {
  LTR = 'LTR',
  RTL = 'RTL',
}
registerEnumType(TextDirection, {
  name: 'TextDirection',
  description: 'Which way a text is written: set it as the `dir` of the element that shows the text.',
  valuesConfig: {
    LTR: { description: 'Left to right (English, French, Spanish...).' },
    RTL: { description: 'Right to left (Arabic, Persian, Urdu...).' },
  },
});

/** The two sections of the Code that provisions fall into; the yearly figures group complaints by them. */
export enum CodeSection {
  CONDUCT_OF_PERSONNEL = 'CONDUCT_OF_PERSONNEL',
  MANAGEMENT_AND_GOVERNANCE = 'MANAGEMENT_AND_GOVERNANCE',
}
registerEnumType(CodeSection, {
  name: 'CodeSection',
  description:
    'A section of the Code grouping its provisions. A provision is in the same section in the 2010 and 2021 texts; ' +
    'the paragraph ranges below are the 2010 text\'s (the 2021 numbering is not confirmed).',
  valuesConfig: {
    CONDUCT_OF_PERSONNEL: { description: 'Section F, conduct of personnel: paragraphs 28 to 43 of the 2010 text.' },
    MANAGEMENT_AND_GOVERNANCE: { description: 'Section G, management and governance: paragraphs 44 to 69 of the 2010 text.' },
  },
});

@PublicCache()
@ObjectType({
  description:
    'How a provision is cited in one text of the Code: its heading, its section and, where that text\'s numbering is ' +
    'confirmed, its paragraphs. The 2021 text\'s numbering is not confirmed, so its paragraphs are null.',
})
export class CodeReference {
  @Field(() => CodeVersion, { description: 'The text of the Code.' })
  codeVersion: CodeVersion;

  @Field({ description: 'The Code\'s heading of the provision, in English (e.g. "Use of force").' })
  heading: string;

  @Field({
    description: 'Section letter, heading and paragraphs where known: "F. Use of force (paras. 30–32)" (2010), "F. Use of force" (2021).',
  })
  label: string;

  @Field(() => CodeSection, { description: 'The section of the Code the provision is in (by provision, the same in every text).' })
  section: CodeSection;

  @Field(() => Int, {
    nullable: true,
    description: 'First paragraph the provision covers in this text; null when the text\'s numbering is not confirmed (2021).',
  })
  firstParagraph: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Last paragraph it covers (the first for a single paragraph); null when the numbering is not confirmed (2021).',
  })
  lastParagraph: number | null;
}

@PublicCache()
@ObjectType({ description: 'A provision of the Code as a complaint form offers it: a plain-language label and one sentence.' })
export class ProvisionOption {
  @Field(() => CodeProvision, { description: 'The value to send in `allegations[].provision`.' })
  provision: CodeProvision;

  @Field({ description: 'A short plain-language label (not the Code\'s own wording).' })
  label: string;

  @Field({ description: 'One sentence on what the provision protects, in plain language.' })
  explanation: string;

  @Field(() => TextDirection, { description: 'Which way `label` and `explanation` are written.' })
  direction: TextDirection;

  @Field(() => CodeSection, { description: 'The section of the Code it belongs to.' })
  section: CodeSection;

  @Field(() => Int, { description: 'First paragraph it covers in the 2010 text (see `references` for each text of the Code).' })
  firstParagraph: number;

  @Field(() => Int, {
    description: 'Last paragraph it covers in the 2010 text (the same as the first for a single paragraph).',
  })
  lastParagraph: number;

  @Field(() => [CodeReference], {
    description: 'How the provision is cited in each text of the Code, 2010 first; the 2021 text\'s paragraphs are null (not confirmed).',
  })
  references: CodeReference[];
}

@PublicCache()
@ObjectType({ description: 'A section of the Code, to group the provisions on a form.' })
export class CodeSectionOption {
  @Field(() => CodeSection, { description: 'The section.' })
  section: CodeSection;

  @Field({ description: 'A short plain-language name of the section.' })
  label: string;

  @Field({ description: 'One sentence on what the section covers.' })
  explanation: string;

  @Field(() => TextDirection, { description: 'Which way `label` and `explanation` are written.' })
  direction: TextDirection;
}

@PublicCache()
@ObjectType({ description: 'A kind of complaint, as the person filing chooses it.' })
export class ComplaintKindOption {
  @Field(() => ComplaintKind, { description: 'The value to send as `kind`.' })
  kind: ComplaintKind;

  @Field({ description: 'What to show as the choice, in the first person.' })
  label: string;

  @Field({ description: 'One sentence on when to choose it.' })
  explanation: string;

  @Field(() => TextDirection, { description: 'Which way `label` and `explanation` are written.' })
  direction: TextDirection;
}

@PublicCache()
@ObjectType({ description: 'A language a complaint\'s description and messages may be written in.' })
export class DescriptionLanguage {
  @Field({ description: 'The value to send as `language`: a BCP 47 tag.' })
  tag: string;

  @Field({ description: 'The language\'s name in the language itself.' })
  name: string;

  @Field({ description: 'The language\'s name in English.' })
  englishName: string;

  @Field(() => TextDirection, { description: 'Which way the language is written: the description field\'s `dir`.' })
  direction: TextDirection;
}

/**
 * What a complaint form needs, in one language. The membership subgraph adds `companies`, the list
 * of companies that can be complained about, so that this subgraph never reads membership's data.
 */
@PublicCache()
@ObjectType({
  description: SHARED_DESCRIPTIONS.ComplaintFormOptions,
})
@Directive('@key(fields: "language")')
export class ComplaintFormOptions {
  @Field({ description: 'The language the texts are in: `en`, `fr`, `es` or `ar`.' })
  language: string;

  @Field({ description: 'The language asked for, as given.' })
  requestedLanguage: string;

  @Field({ description: 'True when the language asked for is not offered and the texts are in English instead.' })
  fellBackToEnglish: boolean;

  @Field(() => TextDirection, { description: 'Which way the texts are written (RTL for Arabic).' })
  direction: TextDirection;

  @Field(() => [ProvisionOption], { description: 'Every provision of the Code a complaint can cite, in the Code\'s order.' })
  provisions: ProvisionOption[];

  @Field(() => [CodeSectionOption], { description: 'The sections of the Code the provisions fall into.' })
  sections: CodeSectionOption[];

  @Field(() => [ComplaintKindOption], { description: 'The kinds of complaint, and what each means for the person filing.' })
  kinds: ComplaintKindOption[];

  @Field(() => [DescriptionLanguage], {
    description: 'Languages suggested for the description (any BCP 47 tag is accepted; the Secretariat has it translated).',
  })
  descriptionLanguages: DescriptionLanguage[];
}
