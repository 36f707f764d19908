/** Today's date as the graph writes it (`YYYY-MM-DD`, UTC): what services answer for "today". */
export const today = (): string => new Date().toISOString().slice(0, 10);

/** Tomorrow (UTC): the first day a "not in the future" rule refuses. */
export const tomorrow = (): string => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

/** `date` moved by `days` (negative for earlier), both `YYYY-MM-DD`. */
export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
