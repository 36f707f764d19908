import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { isCalendarDate } from './dates';

function parseCalendarDate(value: unknown): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    throw new GraphQLError(`Date must be a calendar date written YYYY-MM-DD, got ${JSON.stringify(value)}`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return value;
}

/** A calendar day, `YYYY-MM-DD`, with no time or zone: the unit of effective dates and deadlines. */
export const CalendarDate = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar day written `YYYY-MM-DD` (ISO 8601), with no time of day or time zone.',
  serialize: (value) => String(value),
  parseValue: parseCalendarDate,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) {
      throw new GraphQLError('Date must be a string written YYYY-MM-DD', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return parseCalendarDate(ast.value);
  },
});

/** An instant, ISO 8601 in UTC, as stored (`2026-11-28T09:30:00.000Z`). */
export const Timestamp = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  description: 'An instant in time, ISO 8601 in UTC, e.g. `2026-11-28T09:30:00.000Z`.',
  serialize: (value) => String(value),
  parseValue: (value) => {
    if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
      throw new GraphQLError('DateTime must be an ISO 8601 instant', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return new Date(value).toISOString();
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING || Number.isNaN(Date.parse(ast.value))) {
      throw new GraphQLError('DateTime must be an ISO 8601 instant', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return new Date(ast.value).toISOString();
  },
});
