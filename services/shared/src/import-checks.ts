import { GraphQLError } from 'graphql';
import { isCalendarDate } from './dates';

/** One refusal of an imported row: which row, which field, and the rule it broke. */
export interface ImportProblem {
  row: number;
  field: string;
  message: string;
}

/**
 * Checks the fields of one imported row with the API's own validators, collecting every refusal
 * instead of stopping at the first: `check(field, fn)` runs `fn` and answers its value, or undefined
 * when it threw BAD_USER_INPUT (recorded with the row and the full field path).
 */
export class RowChecker {
  readonly problems: ImportProblem[] = [];

  constructor(readonly row: number, private readonly prefix = '') {}

  /** A checker for a nested object (`statusHistory[1]`), sharing this row's problems. */
  nested(path: string): RowChecker {
    const child = new RowChecker(this.row, this.path(path));
    (child as { problems: ImportProblem[] }).problems = this.problems;
    return child;
  }

  path(field: string): string {
    return this.prefix ? `${this.prefix}.${field}` : field;
  }

  refuse(field: string, message: string): undefined {
    this.problems.push({ row: this.row, field: this.path(field), message });
    return undefined;
  }

  /** Runs a validator written for the API (throwing BAD_USER_INPUT); other errors are bugs and propagate. */
  check<T>(field: string, validate: () => T): T | undefined {
    try {
      return validate();
    } catch (error) {
      if (error instanceof GraphQLError && error.extensions?.code === 'BAD_USER_INPUT') {
        return this.refuse(field, error.message);
      }
      throw error;
    }
  }

  /** A string field (required unless `optional`); null when optional and absent. */
  string(value: unknown, field: string, optional = false): string | null | undefined {
    if (value === undefined || value === null || value === '') {
      return optional ? null : this.refuse(field, `${this.path(field)} is required`);
    }
    if (typeof value !== 'string') return this.refuse(field, `${this.path(field)} must be text`);
    return value;
  }

  /** A calendar date `YYYY-MM-DD`. */
  date(value: unknown, field: string, optional = false): string | null | undefined {
    const text = this.string(value, field, optional);
    if (!text) return text;
    return isCalendarDate(text) ? text : this.refuse(field, `${this.path(field)} must be a calendar date written YYYY-MM-DD`);
  }

  /** A yes/no flag: true or false, or their text as a CSV cell holds it; absent means false. */
  flag(value: unknown, field: string): boolean | undefined {
    if (value === undefined || value === null || value === '' || value === false || value === 'false') return false;
    if (value === true || value === 'true') return true;
    return this.refuse(field, `${this.path(field)} must be true or false`);
  }

  /** A list (absent means empty). */
  list(value: unknown, field: string): unknown[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.refuse(field, `${this.path(field)} must be a list`);
      return [];
    }
    return value;
  }

  /** One of an enum's values. */
  oneOf<E extends string>(value: unknown, field: string, values: readonly E[]): E | undefined {
    if (typeof value === 'string' && (values as readonly string[]).includes(value)) return value as E;
    return this.refuse(field, `${this.path(field)} must be one of ${values.join(', ')}`);
  }
}
