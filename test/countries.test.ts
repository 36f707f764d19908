import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintInput, SUBMIT as SUBMIT_COMPLAINT } from './support/complaints';
import { DATABASES } from './support/databases';
import { applicationInput, ORG } from './support/membership';
import { reportInput } from './support/risk';
import { codes, startStack, type Stack } from './support/stack';

/**
 * Countries and regions from the maintained lists (i18n-iso-countries, iso-3166), through the gateway: the
 * public `countries` query in the four languages, regions checked against the ISO 3166-2 list on real
 * inputs, and country names beside the codes of organizations, certificates, reports and complaints.
 */
const COUNTRIES = /* GraphQL */ `
  query Countries($language: Language, $codes: [String!]) {
    countries(language: $language, codes: $codes) { code name language subdivisions { code name parentCode } }
  }
`;
const ORGANIZATION_NAMES = /* GraphQL */ `
  query Names($id: ID!, $language: Language!) {
    organization(id: $id) {
      headquartersCountry headquartersCountryName(language: $language)
      countriesOfOperation countriesOfOperationNames(language: $language)
      regionsOfOperation regionsOfOperationNames
      certifications { countriesCovered countriesCoveredNames(language: $language) }
    }
  }
`;
const SUBMIT_REPORT = /* GraphQL */ `
  mutation Submit($input: SubmitRiskReportInput!) {
    submitRiskReport(input: $input) { id country region countryName(language: FR) regionName }
  }
`;
const REPORT_COUNT = /* GraphQL */ `query { riskReports(first: 1) { totalCount } }`;
const COMPLAINT_COUNT = /* GraphQL */ `query { complaints(first: 1) { totalCount } }`;
const ARABIC = /^[\p{Script=Arabic}\s\p{P}]+$/u;

describe.each(DATABASES)('countries and regions through the gateway on %s', (database) => {
  let stack: Stack;
  let secretariat: string;
  let reporter: string;
  let partner: string;
  /** Every country's name by code, per language, as the countries query gives them. */
  const names: Record<string, Map<string, string>> = {};

  beforeAll(async () => {
    stack = await startStack({ database });
    secretariat = await stack.token('secretariat');
    reporter = await stack.token('member', ORG.humanSecurityWatch);
    partner = await stack.token('partner');
    for (const language of ['EN', 'FR', 'ES', 'AR']) {
      const answer = await stack.query<any>(COUNTRIES, { language });
      expect(answer.errors).toBeUndefined();
      names[language] = new Map(answer.data.countries.map((c: { code: string; name: string }) => [c.code, c.name]));
    }
  });
  afterAll(() => stack?.stop());

  it('lists the 249 ISO 3166-1 countries, named in the language asked and sorted by that name', async () => {
    for (const language of ['EN', 'FR', 'ES', 'AR']) {
      expect(names[language].size, language).toBe(249);
      expect([...names[language].keys()].sort(), language).toEqual([...names.EN.keys()].sort());
    }
    expect(['EN', 'FR', 'ES', 'AR'].map((language) => names[language].get('DE'))).toEqual(['Germany', 'Allemagne', 'Alemania', 'ألمانيا']);
    for (const [code, name] of names.AR) expect(name, code).toMatch(ARABIC);
    // Kosovo's XK is user-assigned, not an ISO 3166-1 code: not a country here, as before.
    expect(names.EN.has('XK')).toBe(false);
    // Sorted by the name in the language asked: in French, Allemagne comes before Autriche and Égypte before Espagne.
    const french = [...names.FR.values()];
    expect(french.indexOf('Allemagne')).toBeLessThan(french.indexOf('Autriche'));
    expect(french.indexOf('Égypte')).toBeLessThan(french.indexOf('Espagne'));
    const english = (await stack.query<any>(COUNTRIES, {})).data.countries;
    expect(english[0]).toMatchObject({ code: 'AF', name: 'Afghanistan', language: 'EN' });
  });

  it('gives the subdivisions of the countries asked, with their parents, from the ISO 3166-2 list', async () => {
    const answer = await stack.query<any>(COUNTRIES, { language: 'FR', codes: ['iq', 'FR', 'GB', 'VA'] });
    expect(answer.errors).toBeUndefined();
    const byCode = new Map<string, any>(answer.data.countries.map((c: any) => [c.code, c]));
    expect([...byCode.keys()].sort()).toEqual(['FR', 'GB', 'IQ', 'VA']);
    const iraq = byCode.get('IQ');
    expect(iraq.name).toBe('Irak');
    expect(iraq.subdivisions).toContainEqual({ code: 'IQ-BA', name: 'Al Başrah', parentCode: 'IQ' });
    expect(iraq.subdivisions.length).toBe(19);
    expect(iraq.subdivisions.every((s: any) => s.code.startsWith('IQ-'))).toBe(true);
    // Paris is a subdivision of Île-de-France, itself on the list; England is one of the United Kingdom's four countries.
    expect(byCode.get('FR').subdivisions).toContainEqual({ code: 'FR-75C', name: 'Paris', parentCode: 'FR-IDF' });
    expect(byCode.get('FR').subdivisions.map((s: any) => s.code)).toContain('FR-IDF');
    expect(byCode.get('GB').subdivisions).toContainEqual({ code: 'GB-ENG', name: 'England', parentCode: 'GB' });
    expect(byCode.get('VA').subdivisions).toEqual([]);
    const unknown = await stack.query<any>(COUNTRIES, { codes: ['ZZ'] });
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'codes' });
  });

  it('answers the countries query without a statement, and lets any cache keep it', async () => {
    const before = stack.statements();
    const url = new URL(stack.gatewayUrl);
    url.searchParams.set('query', COUNTRIES);
    url.searchParams.set('variables', JSON.stringify({ language: 'ES', codes: ['KE'] }));
    const response = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toMatch(/^max-age=\d+, public$/);
    const body = (await response.json()) as any;
    expect(body.data.countries[0]).toMatchObject({ code: 'KE', name: 'Kenia' });
    expect(body.data.countries[0].subdivisions).toContainEqual({ code: 'KE-30', name: 'Nairobi City', parentCode: 'KE' });
    expect(stack.statements()).toBe(before);
  });

  it('refuses a well-formed region that is not on the ISO 3166-2 list, on a complaint and a risk report, and stores nothing', async () => {
    const complaintsBefore = (await stack.query<any>(COMPLAINT_COUNT, {}, { token: secretariat })).data.complaints.totalCount;
    // KE-99 has the shape of a Kenyan county code, but Kenya's counties stop at KE-47.
    const fake = await stack.query<any>(SUBMIT_COMPLAINT, { input: complaintInput({ incidentRegion: 'KE-99' }) });
    expect(codes(fake)).toEqual(['BAD_USER_INPUT']);
    expect(fake.errors?.[0].extensions?.field).toBe('input.incidentRegion');
    expect((await stack.query<any>(COMPLAINT_COUNT, {}, { token: secretariat })).data.complaints.totalCount).toBe(complaintsBefore);

    const real = await stack.query<any>(SUBMIT_COMPLAINT, { input: complaintInput({ incidentRegion: 'ke-30' }) });
    expect(real.errors).toBeUndefined();
    const followUp = await stack.query<any>(
      /* GraphQL */ `query F($code: String!) {
        complaintByReceipt(receiptCode: $code) { incidentCountry incidentCountryName(language: FR) incidentRegion incidentRegionName }
      }`,
      { code: real.data.submitComplaint.receiptCode },
    );
    expect(followUp.data.complaintByReceipt).toEqual({
      incidentCountry: 'KE', incidentCountryName: 'Kenya', incidentRegion: 'KE-30', incidentRegionName: 'Nairobi City',
    });

    const reportsBefore = (await stack.query<any>(REPORT_COUNT, {}, { token: secretariat })).data.riskReports.totalCount;
    for (const region of ['IQ-ZZ', 'IQ-99']) {
      const refused = await stack.query<any>(SUBMIT_REPORT, { input: reportInput({ region }) }, { token: reporter });
      expect(codes(refused), region).toEqual(['BAD_USER_INPUT']);
      expect(refused.errors?.[0].extensions?.field).toBe('input.region');
    }
    expect((await stack.query<any>(REPORT_COUNT, {}, { token: secretariat })).data.riskReports.totalCount).toBe(reportsBefore);
  });

  it('names a risk report\'s country in the language asked and its region as the list does', async () => {
    const submitted = await stack.query<any>(SUBMIT_REPORT, { input: reportInput() }, { token: reporter });
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data.submitRiskReport).toMatchObject({ country: 'IQ', region: 'IQ-BA', countryName: 'Irak', regionName: 'Al Başrah' });
    const read = await stack.query<any>(
      /* GraphQL */ `query R($id: ID!) { riskReport(id: $id) { countryName(language: AR) english: countryName } }`,
      { id: submitted.data.submitRiskReport.id },
      { token: secretariat },
    );
    expect(read.data.riskReport).toEqual({ countryName: names.AR.get('IQ'), english: 'Iraq' });
    expect(read.data.riskReport.countryName).toMatch(ARABIC);
  });

  it('names an organization\'s countries, regions and certified countries in the language asked', async () => {
    for (const language of ['FR', 'AR']) {
      const answer = await stack.query<any>(ORGANIZATION_NAMES, { id: ORG.aegisMeridian, language });
      expect(answer.errors).toBeUndefined();
      const organization = answer.data.organization;
      expect(organization.headquartersCountry).toBe('GB');
      expect(organization.headquartersCountryName).toBe(names[language].get('GB'));
      expect(organization.countriesOfOperationNames).toEqual(organization.countriesOfOperation.map((code: string) => names[language].get(code)));
      expect(organization.countriesOfOperation).toEqual(expect.arrayContaining(['IQ', 'AF', 'KE']));
      expect(organization.regionsOfOperation).toEqual(['IQ-BA', 'AF-KAB', 'KE-30']);
      expect(organization.regionsOfOperationNames).toEqual(['Al Başrah', 'Kābul', 'Nairobi City']);
      expect(organization.certifications.length).toBeGreaterThan(0);
      for (const certificate of organization.certifications) {
        expect(certificate.countriesCoveredNames).toEqual(certificate.countriesCovered.map((code: string) => names[language].get(code)));
      }
    }
    expect((await stack.query<any>(ORGANIZATION_NAMES, { id: ORG.aegisMeridian, language: 'FR' })).data.organization.headquartersCountryName)
      .toBe('Royaume-Uni');
  });

  it('names the countries of a membership application and of the certification bodies', async () => {
    const submitted = await stack.query<any>(
      /* GraphQL */ `mutation A($input: MembershipApplicationInput!) {
        submitMembershipApplication(input: $input) {
          headquartersCountry headquartersCountryName(language: ES) countriesOfOperation countriesOfOperationNames(language: FR)
        }
      }`,
      { input: applicationInput({ organizationName: 'Countries Test Guarding Ltd' }) },
    );
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data.submitMembershipApplication).toMatchObject({ headquartersCountry: 'GB', headquartersCountryName: 'Reino Unido' });
    const application = submitted.data.submitMembershipApplication;
    expect(application.countriesOfOperationNames).toEqual(application.countriesOfOperation.map((code: string) => names.FR.get(code)));
    expect(application.countriesOfOperationNames).toContain('Ouganda');

    const bodies = await stack.query<any>(/* GraphQL */ `{ certificationBodies { country countryName(language: AR) } }`);
    expect(bodies.errors).toBeUndefined();
    expect(bodies.data.certificationBodies.length).toBeGreaterThan(0);
    for (const body of bodies.data.certificationBodies) expect(body.countryName).toBe(names.AR.get(body.country));
  });

  it('costs no statement for names: a directory page with names reads what the page with codes reads', async () => {
    // With a token, so that neither answer comes from the gateway's cache.
    const page = (withNames: boolean) => /* GraphQL */ `{
      organizations(first: 20) { edges { node {
        id headquartersCountry countriesOfOperation regionsOfOperation
        ${withNames ? 'headquartersCountryName(language: ES) countriesOfOperationNames(language: AR) regionsOfOperationNames' : ''}
        certifications { countriesCovered ${withNames ? 'countriesCoveredNames(language: FR)' : ''} }
      } } }
    }`;
    const cost = async (withNames: boolean) => {
      const before = stack.statements();
      const answer = await stack.query<any>(page(withNames), {}, { token: partner });
      expect(answer.errors).toBeUndefined();
      expect(answer.data.organizations.edges.length).toBeGreaterThan(10);
      return stack.statements() - before;
    };
    const codesOnly = await cost(false);
    expect(await cost(true)).toBe(codesOnly);
  });
});
