import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import {
  CalendarDate,
  countryCode,
  countryCodes,
  countryName,
  isSecretariat,
  Language,
  LANGUAGE_ARGUMENT,
  subdivision,
  notFound,
  optionalWebsite,
  personOrOrganizationName,
  requireSecretariat,
  text,
  Timestamp,
} from '../../../shared/src';
import { OrganizationChange, OrganizationChangeKind, PUBLIC_CHANGE_KINDS } from './organization-change.entity';
import { registeredNameOn, regionCodes, valueOn } from './organization-profile.rules';
import {
  addTradingName,
  endTradingName,
  renameOrganization,
  updateProfile,
  type ChangeContext,
  type ProfileValues,
} from './organization-profile.service';
import { OrganizationProfileInput } from './organization-profile.types';
import { Organization } from './organization.entity';
import type { MembershipContext } from '../context';

const EFFECTIVE = {
  nullable: true,
  description: 'First day the change applies; today when omitted. A past day, never before admission; never in the future.',
} as const;
const REASON = { description: 'Why; shown in the history. 1 to 2000 characters.' } as const;
const EXPECTED = {
  nullable: true,
  description: 'The organization\'s `version` the change was based on; CONFLICT if it changed since.',
} as const;
const ACKNOWLEDGE = {
  nullable: true,
  description: 'True once the Secretariat has checked that a name looking like another organization\'s is rightly this one\'s.',
} as const;

/** The Secretariat's changes of an organization's names and profile, each dated and kept in its history. */
@Resolver(() => Organization)
export class OrganizationProfileResolver {
  /** Loads what every change needs and checks access; the loaders are cleared so the answer shows the change. */
  private async target(context: MembershipContext, organizationId: string) {
    requireSecretariat(context.viewer);
    const organization = await context.loaders.organization.load(organizationId);
    if (!organization) throw notFound('Organization', organizationId);
    const [names, changes, countries] = await Promise.all([
      context.loaders.names.load(organizationId),
      context.loaders.changes.load(organizationId),
      context.loaders.operatingCountries.load(organizationId),
    ]);
    for (const loader of [context.loaders.organization, context.loaders.names, context.loaders.changes, context.loaders.operatingCountries]) {
      loader.clear(organizationId);
    }
    return { organization, names, changes, countries: countries.map((c) => c.country) };
  }

  private change(context: MembershipContext, effectiveFrom: string | null, reason: string, expectedVersion: number | null): ChangeContext {
    return { effectiveFrom, reason: text(reason, 'reason', { max: 2000 }), expectedVersion, changedBy: context.viewer.subject ?? null };
  }

  @Mutation(() => Organization, {
    description:
      'Renames an organization (Secretariat): the registered name in force becomes a former name, used until the day ' +
      'before `effectiveFrom`, so verification by the old name still finds it. Names follow the application rules ' +
      '(NFKC; control and invisible characters refused); one looking like another organization\'s needs ' +
      '`acknowledgeSimilarNames: true`.',
  })
  async renameOrganization(
    @Arg('organizationId', () => ID, { description: 'The organization.' }) organizationId: string,
    @Arg('name', () => String, { description: 'The new registered name, 1 to 200 characters.' }) name: string,
    @Arg('reason', () => String, REASON) reason: string,
    @Arg('effectiveFrom', () => CalendarDate, EFFECTIVE) effectiveFrom: string | null,
    @Arg('expectedVersion', () => Int, EXPECTED) expectedVersion: number | null,
    @Arg('acknowledgeSimilarNames', () => Boolean, ACKNOWLEDGE) acknowledgeSimilarNames: boolean | null,
    @Ctx() context: MembershipContext,
  ): Promise<Organization> {
    requireSecretariat(context.viewer);
    const checked = personOrOrganizationName(name, 'name', { max: 200 });
    const change = this.change(context, effectiveFrom, reason, expectedVersion);
    const { organization, names } = await this.target(context, organizationId);
    return renameOrganization(context.database, organization, names, {
      ...change,
      name: checked,
      acknowledgeSimilarNames: acknowledgeSimilarNames === true,
    });
  }

  @Mutation(() => Organization, {
    description: 'Adds a trading name (Secretariat), used from `effectiveFrom` on; names are checked as for a rename.',
  })
  async addTradingName(
    @Arg('organizationId', () => ID, { description: 'The organization.' }) organizationId: string,
    @Arg('name', () => String, { description: 'The trading name, 1 to 200 characters.' }) name: string,
    @Arg('reason', () => String, REASON) reason: string,
    @Arg('effectiveFrom', () => CalendarDate, EFFECTIVE) effectiveFrom: string | null,
    @Arg('expectedVersion', () => Int, EXPECTED) expectedVersion: number | null,
    @Arg('acknowledgeSimilarNames', () => Boolean, ACKNOWLEDGE) acknowledgeSimilarNames: boolean | null,
    @Ctx() context: MembershipContext,
  ): Promise<Organization> {
    requireSecretariat(context.viewer);
    const checked = personOrOrganizationName(name, 'name', { max: 200 });
    const change = this.change(context, effectiveFrom, reason, expectedVersion);
    const { organization, names } = await this.target(context, organizationId);
    return addTradingName(context.database, organization, names, {
      ...change,
      name: checked,
      acknowledgeSimilarNames: acknowledgeSimilarNames === true,
    });
  }

  @Mutation(() => Organization, {
    description:
      'Ends a trading name (Secretariat): from `effectiveFrom` on it is no longer used. It stays among the ' +
      'organization\'s names, with its dates.',
  })
  async endTradingName(
    @Arg('organizationId', () => ID, { description: 'The organization.' }) organizationId: string,
    @Arg('nameId', () => ID, { description: 'The trading name (`names { id }`).' }) nameId: string,
    @Arg('reason', () => String, REASON) reason: string,
    @Arg('effectiveFrom', () => CalendarDate, EFFECTIVE) effectiveFrom: string | null,
    @Arg('expectedVersion', () => Int, EXPECTED) expectedVersion: number | null,
    @Ctx() context: MembershipContext,
  ): Promise<Organization> {
    requireSecretariat(context.viewer);
    const change = this.change(context, effectiveFrom, reason, expectedVersion);
    const { organization, names } = await this.target(context, organizationId);
    return endTradingName(context.database, organization, names, { ...change, nameId });
  }

  @Mutation(() => Organization, {
    description:
      'Changes the headquarters country, countries or regions of operation, or website (Secretariat). Each part that ' +
      'differs gets a history entry dated `effectiveFrom`; BAD_USER_INPUT when nothing differs.',
  })
  async updateOrganizationProfile(
    @Arg('organizationId', () => ID, { description: 'The organization.' }) organizationId: string,
    @Arg('input', () => OrganizationProfileInput, { description: 'The new values.' }) input: OrganizationProfileInput,
    @Arg('reason', () => String, REASON) reason: string,
    @Arg('effectiveFrom', () => CalendarDate, EFFECTIVE) effectiveFrom: string | null,
    @Arg('expectedVersion', () => Int, EXPECTED) expectedVersion: number | null,
    @Ctx() context: MembershipContext,
  ): Promise<Organization> {
    requireSecretariat(context.viewer);
    const values: ProfileValues = {
      ...(input.headquartersCountry != null
        ? { headquartersCountry: countryCode(input.headquartersCountry, 'input.headquartersCountry') } : {}),
      ...(input.countriesOfOperation != null
        ? { countriesOfOperation: countryCodes(input.countriesOfOperation, 'input.countriesOfOperation') } : {}),
      ...(input.regionsOfOperation != null
        ? { regionsOfOperation: regionCodes(input.regionsOfOperation, 'input.regionsOfOperation') } : {}),
      ...(input.website != null ? { website: optionalWebsite(input.website, 'input.website') } : {}),
    };
    const change = this.change(context, effectiveFrom, reason, expectedVersion);
    const { organization, changes, countries } = await this.target(context, organizationId);
    return updateProfile(context.database, organization, { countriesOfOperation: countries, changes }, values, change);
  }

  @FieldResolver(() => [String], {
    description: 'Regions of operation, ISO 3166-2 subdivision codes (e.g. `IQ-BA`), read by monitoring priorities; empty when none were recorded.',
  })
  regionsOfOperation(@Root() organization: Organization): string[] {
    return organization.regionsOfOperation ?? [];
  }

  @FieldResolver(() => [String], {
    description:
      'Names of `regionsOfOperation`, in the same order, as the ISO 3166-2 list gives them (the country\'s own ' +
      'language or its romanization, e.g. `Al Başrah` for `IQ-BA`); the code where the list no longer has it.',
  })
  regionsOfOperationNames(@Root() organization: Organization): string[] {
    return (organization.regionsOfOperation ?? []).map((code) => subdivision(code)?.name ?? code);
  }

  @FieldResolver(() => String, { description: 'Name of `headquartersCountry` in the language asked (`CH`: Switzerland, Suisse, Suiza, سويسرا).' })
  headquartersCountryName(
    @Root() organization: Organization,
    @Arg('language', () => Language, LANGUAGE_ARGUMENT) language: Language,
  ): string {
    return countryName(organization.headquartersCountry, language);
  }

  @FieldResolver(() => [OrganizationChange], {
    description:
      'Changes of the record other than membership status, oldest first: name changes for everyone (so a match ' +
      'on a former name is explainable); countries, regions, website and contacts for the Secretariat only.',
  })
  async history(
    @Root() organization: Organization,
    @Arg('recordedAfter', () => Timestamp, {
      nullable: true,
      description:
        'Only entries recorded after this instant: give a receipt\'s `checkedAt` to see what was corrected since it was issued.',
    })
    recordedAfter: string | null,
    @Ctx() { loaders, viewer }: MembershipContext,
  ) {
    const changes = (await loaders.changes.load(organization.id)).filter((c) => !recordedAfter || c.recordedAt > recordedAfter);
    return isSecretariat(viewer) ? changes : changes.filter((c) => PUBLIC_CHANGE_KINDS.includes(c.kind));
  }

  @FieldResolver(() => String, { description: 'The registered name on `date` (a former name before a rename).' })
  async nameOn(
    @Root() organization: Organization,
    @Arg('date', () => CalendarDate, { description: 'The day asked about, YYYY-MM-DD.' }) date: string,
    @Ctx() { loaders }: MembershipContext,
  ): Promise<string> {
    return registeredNameOn(await loaders.names.load(organization.id), date, organization.name);
  }

  @FieldResolver(() => String, { description: 'The headquarters country on `date`, from the dated history.' })
  async headquartersCountryOn(
    @Root() organization: Organization,
    @Arg('date', () => CalendarDate, { description: 'The day asked about, YYYY-MM-DD.' }) date: string,
    @Ctx() { loaders }: MembershipContext,
  ): Promise<string> {
    const changes = await loaders.changes.load(organization.id);
    return valueOn(changes, OrganizationChangeKind.HEADQUARTERS_COUNTRY_CHANGED, date, [organization.headquartersCountry])[0];
  }

  @FieldResolver(() => [String], { description: 'The countries of operation on `date`, from the dated history.' })
  async countriesOfOperationOn(
    @Root() organization: Organization,
    @Arg('date', () => CalendarDate, { description: 'The day asked about, YYYY-MM-DD.' }) date: string,
    @Ctx() { loaders }: MembershipContext,
  ): Promise<string[]> {
    const [changes, countries] = await Promise.all([
      loaders.changes.load(organization.id),
      loaders.operatingCountries.load(organization.id),
    ]);
    return valueOn(changes, OrganizationChangeKind.COUNTRIES_OF_OPERATION_CHANGED, date, countries.map((c) => c.country));
  }

  @FieldResolver(() => [String], {
    description: 'Countries where the organization operates, ISO 3166-1 alpha-2 codes.',
  })
  async countriesOfOperation(@Root() organization: Organization, @Ctx() { loaders }: MembershipContext) {
    const countries = await loaders.operatingCountries.load(organization.id);
    return countries.map((c) => c.country);
  }

  @FieldResolver(() => [String], {
    description:
      'Names of `countriesOfOperation` in the language asked, in the same order as the codes (asking for both ' +
      'reads the countries once).',
  })
  async countriesOfOperationNames(
    @Root() organization: Organization,
    @Arg('language', () => Language, LANGUAGE_ARGUMENT) language: Language,
    @Ctx() { loaders }: MembershipContext,
  ): Promise<string[]> {
    const countries = await loaders.operatingCountries.load(organization.id);
    return countries.map((c) => countryName(c.country, language));
  }
}
