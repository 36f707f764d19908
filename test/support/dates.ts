/** The tests' calendar: the services' own date module, and the one day only tests need. */
import { addDays, today } from '../../services/shared/src/dates';

export * from '../../services/shared/src/dates';

/** Tomorrow (UTC): the first day a "not in the future" rule refuses. */
export const tomorrow = (): string => addDays(today(), 1);
