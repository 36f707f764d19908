import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  Access,
  CalendarDate,
  countryName,
  Language,
  LANGUAGE_ARGUMENT,
  notFound,
  PublicCache,
  REGION_NAME_DESCRIPTION,
  regionName,
  requireSecretariat,
  today,
} from '../../../shared/src';
import { MonitoringActivity } from '../monitoring/monitoring.entity';
import type { CertificationContext } from '../context';
import { RiskReport, type RiskLevelEntry } from './risk.entity';
import { levelOn } from './risk.rules';
import * as service from './risk.service';
import { CitedRiskReport, RiskArea, RiskLevelChange, SetRiskLevelInput } from './risk.types';

function change(entry: RiskLevelEntry): RiskLevelChange {
  return Object.assign(new RiskLevelChange(), {
    level: entry.level,
    effectiveFrom: entry.effectiveFrom,
    justification: entry.justification,
    reportCount: entry.reportIds.length,
    entry,
  });
}

/** Risk areas and their dated levels: public, so that clients and partners see where risks are high. */
@Resolver(() => RiskArea)
export class RiskAreaResolver {
  @FieldResolver(() => String, { description: 'Name of `country` in the language asked.' })
  countryName(@Root() area: RiskArea, @Arg('language', () => Language, LANGUAGE_ARGUMENT) language: Language): string {
    return countryName(area.country, language);
  }

  @FieldResolver(() => String, { nullable: true, description: REGION_NAME_DESCRIPTION })
  regionName(@Root() area: RiskArea): string | null {
    return regionName(area.region);
  }

  @PublicCache()
  @Query(() => [RiskArea], { nullable: true, description: 'Countries and regions with risk levels, by code. Public.' })
  riskAreas(
    @Arg('country', () => String, { nullable: true, description: 'Only this country and its regions, ISO 3166-1 alpha-2.' }) country: string | null,
    @Ctx() { database }: CertificationContext,
  ): Promise<RiskArea[]> {
    return service.riskAreas(database, country);
  }

  @Mutation(() => RiskArea, {
    description:
      'Sets a dated risk level of a country or region (Secretariat), resting on accepted reports of that area. Levels are never ' +
      'changed: a new level from a later day follows the earlier one; a second level for the same day is CONFLICT.',
  })
  async setRiskLevel(
    @Arg('input', () => SetRiskLevelInput, { description: 'The level.' }) input: SetRiskLevelInput,
    @Ctx() { viewer, database }: CertificationContext,
  ): Promise<RiskArea> {
    requireSecretariat(viewer);
    const entry = await service.setRiskLevel(database, input, viewer.subject ?? null);
    const [area] = (await service.riskAreas(database, entry.country)).filter((a) => a.code === entry.area);
    return area;
  }

  @FieldResolver(() => RiskLevelChange, { nullable: true, description: 'The level in force today; null when its first level starts later.' })
  current(@Root() area: RiskArea): RiskLevelChange | null {
    const entry = levelOn(area.entries, today());
    return entry ? change(entry) : null;
  }

  @FieldResolver(() => RiskLevelChange, { nullable: true, description: 'The level in force on a day (for audits); null before its first level.' })
  riskLevelOn(
    @Arg('date', () => CalendarDate, { description: 'The day.' }) date: string,
    @Root() area: RiskArea,
  ): RiskLevelChange | null {
    const entry = levelOn(area.entries, date);
    return entry ? change(entry) : null;
  }

  @FieldResolver(() => [RiskLevelChange], { description: 'Every level of the area, oldest first.' })
  history(@Root() area: RiskArea): RiskLevelChange[] {
    return area.entries.map(change);
  }
}

@Resolver(() => RiskLevelChange)
export class RiskLevelChangeResolver {
  @FieldResolver(() => [CitedRiskReport], {
    description: 'The PUBLIC accepted reports the level rests on (title, period, place, themes). ASSOCIATION_ONLY reports are never cited.',
  })
  async citedReports(@Root() level: RiskLevelChange, @Ctx() { loaders }: CertificationContext): Promise<CitedRiskReport[]> {
    const reports = await loaders.citableRiskReport.loadMany(level.entry.reportIds);
    return reports
      .filter((r): r is RiskReport => r instanceof RiskReport)
      .map((r) => Object.assign(new CitedRiskReport(), {
        title: r.title, observedFrom: r.observedFrom, observedUntil: r.observedUntil, country: r.country,
        region: r.region, placeName: r.placeName, themes: r.themes,
      }));
  }
}

/** The risk reports that prompted a monitoring activity (Secretariat). */
@Resolver(() => MonitoringActivity)
export class MonitoringActivityRiskResolver {
  @Mutation(() => MonitoringActivity, { description: 'Records accepted risk reports that prompted a monitoring activity (Secretariat).' })
  async citeRiskReportsInMonitoringActivity(
    @Arg('activityId', () => ID, { description: 'The activity.' }) activityId: string,
    @Arg('reportIds', () => [ID], { description: 'Accepted risk reports: 1 to 50.' }) reportIds: string[],
    @Ctx() { viewer, loaders, database }: CertificationContext,
  ): Promise<MonitoringActivity> {
    requireSecretariat(viewer);
    const activity = await loaders.activity.load(activityId);
    if (!activity) throw notFound('Monitoring activity', activityId);
    await service.citeRiskReportsInActivity(database, activity, reportIds);
    return activity;
  }

  @Authorized(Access.Secretariat)
  @FieldResolver(() => [RiskReport], { nullable: true, description: 'The risk reports that prompted the activity (Secretariat only).' })
  async promptedBy(@Root() activity: MonitoringActivity, @Ctx() { loaders }: CertificationContext): Promise<RiskReport[]> {
    const cited = await loaders.riskReportsCitedByActivity.load(activity.id);
    const reports = await loaders.riskReport.loadMany(cited.map((c) => c.reportId));
    return reports.filter((r): r is RiskReport => r instanceof RiskReport);
  }
}

/** Names beside the codes of a report a risk level cites. */
@Resolver(() => CitedRiskReport)
export class CitedRiskReportResolver {
  @FieldResolver(() => String, { description: 'Name of `country` in the language asked.' })
  countryName(@Root() report: CitedRiskReport, @Arg('language', () => Language, LANGUAGE_ARGUMENT) language: Language): string {
    return countryName(report.country, language);
  }

  @FieldResolver(() => String, { nullable: true, description: REGION_NAME_DESCRIPTION })
  regionName(@Root() report: CitedRiskReport): string | null {
    return regionName(report.region);
  }
}
