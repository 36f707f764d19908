import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  badUserInput,
  countryName,
  Language,
  LANGUAGE_ARGUMENT,
  notFound,
  REGION_NAME_DESCRIPTION,
  regionName,
  text,
} from '../../../shared/src';
import { messageLanguage } from '../catalogue/catalogue.texts';
import { forThePersonFiling } from '../catalogue/error.texts';
import { organizationReference, Organization } from '../organization/organization.entity';
import { ComplaintAllegation, ComplaintEvent, ComplaintMessage } from './complaint.entity';
import { ComplaintActor } from './complaint.enums';
import type { ComplaintsContext } from '../context';
import { complainantMayWrite, timelineFor } from './complaint.rules';
import { addMessage, findByReceipt, followUpOf, MAX_MESSAGE, setReplyNotices } from './complaint.service';
import { noticeAddress } from '../notification/notification.rules';
import { ComplaintFollowUp } from './complaint.types';

/** The complainant's side: follow the complaint and write to the Secretariat with the receipt code. */
@Resolver(() => ComplaintFollowUp)
export class ComplaintFollowUpResolver {
  @FieldResolver(() => String, { description: 'Name of `incidentCountry` in the language asked.' })
  incidentCountryName(@Root() complaint: ComplaintFollowUp, @Arg('language', () => Language, LANGUAGE_ARGUMENT) language: Language): string {
    return countryName(complaint.incidentCountry, language);
  }

  @FieldResolver(() => String, { nullable: true, description: REGION_NAME_DESCRIPTION })
  incidentRegionName(@Root() complaint: ComplaintFollowUp): string | null {
    return regionName(complaint.incidentRegion);
  }

  @Query(() => ComplaintFollowUp, {
    nullable: true,
    description:
      'The complaint a receipt code belongs to, as its complainant follows it. Null for a wrong code, exactly as ' +
      'for a code that never existed. Public: the code is the credential.',
  })
  async complaintByReceipt(
    @Arg('receiptCode', () => String, { description: 'The receipt code given when the complaint was filed.' })
    receiptCode: string,
    @Ctx() { database }: ComplaintsContext,
  ): Promise<ComplaintFollowUp | null> {
    const complaint = await findByReceipt(database, receiptCode);
    return complaint ? followUpOf(complaint) : null;
  }

  @Mutation(() => ComplaintMessage, {
    description:
      'The complainant writes to the Secretariat with the receipt code (never shown to the company). NOT_FOUND for ' +
      'a wrong code; BAD_USER_INPUT once the complaint is closed.',
  })
  async sendComplaintMessage(
    @Arg('receiptCode', () => String, { description: 'The receipt code given when the complaint was filed.' })
    receiptCode: string,
    @Arg('body', () => String, { description: 'The message, 1 to 10 000 characters.' }) body: string,
    @Ctx() { database, services, acceptLanguage }: ComplaintsContext,
  ): Promise<ComplaintMessage> {
    const complaint = await findByReceipt(database, receiptCode);
    // Worded in the language of the complaint, or else of the caller's browser.
    const language = messageLanguage(complaint?.language, acceptLanguage);
    try {
      if (!complaint) throw notFound('A complaint with this receipt code');
      const message = text(body, 'body', { max: MAX_MESSAGE });
      if (!complainantMayWrite(complaint.status)) throw badUserInput('The complaint is closed', 'receiptCode');
      const sent = await addMessage(database, services.cipher, complaint, ComplaintActor.COMPLAINANT, message);
      services.notices.wake();
      return sent;
    } catch (error) {
      throw forThePersonFiling(error, language, 'receiptCode');
    }
  }

  @Mutation(() => ComplaintFollowUp, {
    description:
      'The complainant asks, with the receipt code, to be told by e-mail when the Secretariat has written to them ' +
      '(`notifyWhenReplied: true`, with a new `noticeEmail` or the one given before), or to stop being told ' +
      '(`false`: the address is erased, it served notices only). The e-mail never holds the reply, the receipt ' +
      'code or anything about the company. NOT_FOUND for a wrong code; BAD_USER_INPUT for an address that is not ' +
      'one, or for opting in without any address.',
  })
  async setReplyNotices(
    @Arg('receiptCode', () => String, { description: 'The receipt code given when the complaint was filed.' })
    receiptCode: string,
    @Arg('notifyWhenReplied', () => Boolean, { description: 'True to be told when a reply is waiting, false to stop.' })
    notifyWhenReplied: boolean,
    @Arg('noticeEmail', () => String, {
      nullable: true,
      description: 'The address to tell, for notices only (replaces the one given before). Only with `notifyWhenReplied: true`.',
    })
    noticeEmail: string | null | undefined,
    @Ctx() { database, services, acceptLanguage }: ComplaintsContext,
  ): Promise<ComplaintFollowUp> {
    const complaint = await findByReceipt(database, receiptCode);
    const language = messageLanguage(complaint?.language, acceptLanguage);
    try {
      if (!complaint) throw notFound('A complaint with this receipt code');
      const address = noticeEmail === null || noticeEmail === undefined ? null : noticeAddress(noticeEmail, 'noticeEmail');
      if (address && !notifyWhenReplied) {
        throw badUserInput('An address is given only to be told of replies (notifyWhenReplied: true)', 'noticeEmail');
      }
      const changed = await setReplyNotices(database, services.cipher, complaint, { notifyWhenReplied, noticeEmail: address });
      return followUpOf(changed);
    } catch (error) {
      throw forThePersonFiling(error, language, 'receiptCode');
    }
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The company complained about.' })
  company(@Root() view: ComplaintFollowUp): Organization {
    return organizationReference(view.companyId);
  }

  @FieldResolver(() => [ComplaintAllegation], { description: 'The provisions of the Code alleged.' })
  allegations(@Root() view: ComplaintFollowUp, @Ctx() { loaders }: ComplaintsContext) {
    return loaders.allegations.load(view.complaintId);
  }

  @FieldResolver(() => [ComplaintEvent], {
    description: 'What happened to the complaint, oldest first: the filing, each status change, and the notes written for you.',
  })
  async timeline(@Root() view: ComplaintFollowUp, @Ctx() { loaders }: ComplaintsContext) {
    return timelineFor(await loaders.events.load(view.complaintId), 'COMPLAINANT');
  }

  @FieldResolver(() => [ComplaintMessage], { description: 'Your messages with the Secretariat, oldest first.' })
  messages(@Root() view: ComplaintFollowUp, @Ctx() { loaders }: ComplaintsContext) {
    return loaders.messages.load(view.complaintId);
  }
}

