import { Arg, Query, Resolver } from 'type-graphql';
import { PublicCache, text } from '../../../shared/src';
import { complaintFormOptions } from './catalogue.service';
import { ComplaintFormOptions } from './catalogue.types';

/** The public catalogue a complaint form is built from. */
@Resolver(() => ComplaintFormOptions)
export class ComplaintFormOptionsResolver {
  @PublicCache()
  @Query(() => ComplaintFormOptions, {
    nullable: true,
    description:
      'Everything a complaint form offers, in one language (`en`, `fr`, `es`, `ar`; any other falls back to English ' +
      'and says so): the provisions of the Code and the kinds of complaint in plain words, the languages a ' +
      'description may be written in, and the companies that can be complained about. Public and cacheable.',
  })
  complaintFormOptions(
    @Arg('language', () => String, { description: 'The language of the form, a BCP 47 tag such as `fr` or `ar-EG`.' })
    language: string,
  ): ComplaintFormOptions {
    return complaintFormOptions(text(language, 'language', { max: 35 }));
  }
}
