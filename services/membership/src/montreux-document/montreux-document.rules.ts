import { badUserInput } from '../../../shared/src';

/** The Montreux Document was finalized by its first 17 participating States on this day: no support before it. */
export const MONTREUX_DOCUMENT_FINALIZED_ON = '2008-09-17';

/** One period of support, as stored and as an import file gives it. */
export interface ParticipationPeriod {
  since: string;
  until: string | null;
}

/**
 * Why a list of periods (oldest first) cannot be an organization's participation, or null: only States and IGOs
 * (those with a government kind: the GOVERNMENT pillar and government observers) take part; a period starts on or after the Document's finalization and not after
 * `today`, ends after it starts and not after `today`, and starts after the previous one ended; only the last
 * may be open.
 */
export function participationRefusal(
  stateOrIntergovernmental: boolean,
  periods: readonly ParticipationPeriod[],
  today: string,
): { message: string; field: 'since' | 'until' | 'organizationId'; index: number } | null {
  if (periods.length && !stateOrIntergovernmental) {
    return { message: 'Only States and intergovernmental organizations take part in the Montreux Document', field: 'organizationId', index: 0 };
  }
  for (const [index, period] of periods.entries()) {
    if (period.since < MONTREUX_DOCUMENT_FINALIZED_ON) {
      return { message: `since cannot be before the Montreux Document was finalized (${MONTREUX_DOCUMENT_FINALIZED_ON})`, field: 'since', index };
    }
    if (period.since > today) return { message: 'since cannot be in the future', field: 'since', index };
    if (period.until !== null && period.until <= period.since) {
      return { message: `until must be after since (${period.since})`, field: 'until', index };
    }
    if (period.until !== null && period.until > today) return { message: 'until cannot be in the future', field: 'until', index };
    const previous = periods[index - 1];
    if (previous && previous.until === null) {
      return { message: 'Support is still recorded as lasting: record its withdrawal first', field: 'since', index };
    }
    if (previous && period.since < previous.until!) {
      return { message: `since cannot be before the previous withdrawal (${previous.until})`, field: 'since', index };
    }
  }
  return null;
}

/** The periods after support expressed on `since`; BAD_USER_INPUT on `since` when the rules refuse it. */
export function withSupport(stateOrIntergovernmental: boolean, periods: readonly ParticipationPeriod[], since: string, today: string): ParticipationPeriod[] {
  const next = [...periods, { since, until: null }];
  const refusal = participationRefusal(stateOrIntergovernmental, next, today);
  if (refusal) throw badUserInput(refusal.message, refusal.field);
  return next;
}

/** The periods after support withdrawn on `until`; BAD_USER_INPUT when no support lasts or the day is refused. */
export function withWithdrawal(stateOrIntergovernmental: boolean, periods: readonly ParticipationPeriod[], until: string, today: string): ParticipationPeriod[] {
  const last = periods.at(-1);
  if (!last || last.until !== null) throw badUserInput('No support for the Montreux Document is recorded as lasting', 'until');
  const next = [...periods.slice(0, -1), { since: last.since, until }];
  const refusal = participationRefusal(stateOrIntergovernmental, next, today);
  if (refusal) throw badUserInput(refusal.message, refusal.field);
  return next;
}
