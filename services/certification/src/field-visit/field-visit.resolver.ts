import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  Access,
  countryName,
  forbidden,
  isSecretariat,
  Language,
  LANGUAGE_ARGUMENT,
  PageArgs,
  requireSecretariat,
  unauthenticated,
} from '../../../shared/src';
import { existingActivity } from '../monitoring/monitoring.access';
import { MonitoringActivity } from '../monitoring/monitoring.entity';
import { Organization, organizationReference } from '../organization/organization.entity';
import type { CertificationContext } from '../context';
import { requireCivilSocietyMember, visibleContribution } from './field-visit.access';
import {
  FieldVisitConsultation,
  FieldVisitContribution,
  FieldVisitNamedOrganization,
  FieldVisitRecord,
  FieldVisitSummary,
} from './field-visit.entity';
import * as service from './field-visit.service';
import {
  FieldVisitContributionConnection,
  FieldVisitContributionFilter,
  RecordFieldVisitConductInput,
  SubmitFieldVisitContributionInput,
} from './field-visit.types';

/** How a field visit was carried out: written by the Secretariat; its methodology public, its consultations restricted field by field. */
@Resolver(() => FieldVisitRecord)
export class FieldVisitRecordResolver {
  @Mutation(() => FieldVisitRecord, {
    description:
      'Records how a field visit in progress or completed was carried out (Secretariat): the methodology, whom it consulted by ' +
      'category, and the organizations that agreed to be named. Replaces an earlier record of the visit. A name without consent, ' +
      'like any bad input, is BAD_USER_INPUT naming the field, and nothing is changed.',
  })
  async recordFieldVisitConduct(
    @Arg('input', () => RecordFieldVisitConductInput, { description: 'The record.' }) input: RecordFieldVisitConductInput,
    @Ctx() { viewer, loaders, database }: CertificationContext,
  ): Promise<FieldVisitRecord> {
    requireSecretariat(viewer);
    const activity = await existingActivity(loaders, input.activityId);
    const conduct = service.checkedConduct(activity, input);
    const existing = await loaders.fieldVisitRecord.load(activity.id);
    const record = await service.recordConduct(database, activity, existing, conduct, input.expectedVersion, viewer.subject ?? null);
    loaders.fieldVisitRecord.clear(activity.id).prime(activity.id, record);
    loaders.fieldVisitConsultations.clear(activity.id);
    loaders.fieldVisitNamedOrganizations.clear(activity.id);
    return record;
  }

  @Authorized(Access.Secretariat, Access.OwnOrganization)
  @FieldResolver(() => [FieldVisitConsultation], {
    nullable: true,
    description: 'Whom the visit consulted: counts by category, never who. The company visited and the Secretariat only.',
  })
  consultations(@Root() record: FieldVisitRecord, @Ctx() { loaders }: CertificationContext): Promise<FieldVisitConsultation[]> {
    return loaders.fieldVisitConsultations.load(record.activityId);
  }

  @Authorized(Access.Secretariat, Access.OwnOrganization)
  @FieldResolver(() => Int, { nullable: true, description: 'All consulted, every category together. The company visited and the Secretariat only.' })
  async totalConsulted(@Root() record: FieldVisitRecord, @Ctx() { loaders }: CertificationContext): Promise<number> {
    return (await loaders.fieldVisitConsultations.load(record.activityId)).reduce((sum, c) => sum + c.consulted, 0);
  }

  @Authorized(Access.Secretariat)
  @FieldResolver(() => [FieldVisitNamedOrganization], {
    nullable: true,
    description: 'The organizations consulted that agreed to be named, in the order recorded. The Secretariat only.',
  })
  namedOrganizations(@Root() record: FieldVisitRecord, @Ctx() { loaders }: CertificationContext): Promise<FieldVisitNamedOrganization[]> {
    return loaders.fieldVisitNamedOrganizations.load(record.activityId);
  }
}

/** What a field visit adds to its monitoring activity. */
@Resolver(() => MonitoringActivity)
export class MonitoringActivityFieldVisitResolver {
  @FieldResolver(() => FieldVisitRecord, {
    nullable: true,
    description:
      'For a field visit: how it was carried out (methodology public; consultations restricted field by field); null until recorded.',
  })
  fieldVisitRecord(@Root() activity: MonitoringActivity, @Ctx() { loaders }: CertificationContext): Promise<FieldVisitRecord | null> {
    return loaders.fieldVisitRecord.load(activity.id);
  }

  @Authorized(Access.Secretariat)
  @FieldResolver(() => FieldVisitSummary, {
    nullable: true,
    description: 'The summary published to the civil society members that sent input; null until published. The Secretariat only here.',
  })
  summaryForCivilSociety(@Root() activity: MonitoringActivity, @Ctx() { loaders }: CertificationContext): Promise<FieldVisitSummary | null> {
    return loaders.fieldVisitSummary.load(activity.id);
  }

  @Mutation(() => FieldVisitSummary, {
    description:
      'Publishes the summary of a completed field visit to the civil society members that sent input for it (Secretariat). Once: ' +
      'a second is CONFLICT. A visit not completed is BAD_USER_INPUT.',
  })
  async publishFieldVisitSummary(
    @Arg('activityId', () => ID, { description: 'The completed field visit.' }) activityId: string,
    @Arg('summary', () => String, { description: 'What to tell them. 1 to 8000 characters.' }) summary: string,
    @Ctx() { viewer, loaders, database }: CertificationContext,
  ): Promise<FieldVisitSummary> {
    requireSecretariat(viewer);
    const activity = await existingActivity(loaders, activityId);
    const published = await service.publishSummary(database, activity, summary, viewer.subject ?? null);
    loaders.fieldVisitSummary.clear(activityId).prime(activityId, published);
    return published;
  }
}

/** Input of civil society members for planned field visits: read by the member that sent it and the Secretariat only. */
@Resolver(() => FieldVisitContribution)
export class FieldVisitContributionResolver {
  @FieldResolver(() => String, { description: 'Name of `country` in the language asked.' })
  countryName(
    @Root() contribution: FieldVisitContribution,
    @Arg('language', () => Language, LANGUAGE_ARGUMENT) language: Language,
  ): string {
    return countryName(contribution.country, language);
  }

  @Query(() => FieldVisitContribution, {
    nullable: true,
    description: 'One input for a field visit: the member that sent it and the Secretariat only; NOT_FOUND for anyone else.',
  })
  fieldVisitContribution(@Arg('id', () => ID, { description: 'The input.' }) id: string, @Ctx() { loaders, viewer }: CertificationContext) {
    return visibleContribution(loaders, viewer, id);
  }

  @Query(() => FieldVisitContributionConnection, {
    nullable: true,
    description: 'Inputs for field visits, newest first, in pages of `first` (or `last`, backwards): every input for the Secretariat, its own for a member. Not for partners or the public.',
  })
  fieldVisitContributions(
    @Arg('filter', () => FieldVisitContributionFilter, { nullable: true, description: 'Conditions the inputs must meet.' })
    filter: FieldVisitContributionFilter | null,
    @Args() page: PageArgs,
    @Ctx() { viewer, database }: CertificationContext,
  ) {
    if (viewer.role === 'public') throw unauthenticated();
    if (!isSecretariat(viewer) && !(viewer.role === 'member' && viewer.organizationId)) throw forbidden();
    return service.contributionsPage(database, isSecretariat(viewer) ? null : viewer.organizationId!, filter, page);
  }

  @Mutation(() => FieldVisitContribution, {
    description:
      'Sends input for a planned field visit: an active civil society member, for itself. Only it and the Secretariat ever read it. ' +
      'Bad input is BAD_USER_INPUT naming the field, and nothing is stored.',
  })
  async submitFieldVisitContribution(
    @Arg('input', () => SubmitFieldVisitContributionInput, { description: 'The input.' }) input: SubmitFieldVisitContributionInput,
    @Ctx() { viewer, loaders, database }: CertificationContext,
  ): Promise<FieldVisitContribution> {
    const contributor = await requireCivilSocietyMember(loaders, viewer);
    const activity = await existingActivity(loaders, input.activityId);
    const contribution = await service.submitContribution(database, activity, input, contributor, viewer.subject ?? null);
    loaders.fieldVisitContributionsByContributor.clear(contributor);
    return contribution;
  }

  @FieldResolver(() => MonitoringActivity, { description: 'The field visit it is for.' })
  visit(@Root() contribution: FieldVisitContribution, @Ctx() { loaders }: CertificationContext) {
    return existingActivity(loaders, contribution.activityId);
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The civil society member that sent it.' })
  contributor(@Root() contribution: FieldVisitContribution): Organization {
    return organizationReference(contribution.contributorOrganizationId);
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The company to be visited, as the visit was planned.' })
  company(@Root() contribution: FieldVisitContribution): Organization {
    return organizationReference(contribution.companyOrganizationId);
  }

  @FieldResolver(() => FieldVisitSummary, {
    nullable: true,
    description: 'The summary the Secretariat published once the visit was completed; null until then.',
  })
  publishedSummary(@Root() contribution: FieldVisitContribution, @Ctx() { loaders }: CertificationContext): Promise<FieldVisitSummary | null> {
    return loaders.fieldVisitSummary.load(contribution.activityId);
  }
}
