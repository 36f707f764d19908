import { badUserInput } from './errors';

/** Trims `value` and checks it is between `min` and `max` characters; BAD_USER_INPUT naming `field` otherwise. */
export function text(value: string, field: string, { min = 1, max }: { min?: number; max: number }): string {
  const trimmed = value.trim();
  if (trimmed.length < min) {
    throw badUserInput(min === 1 ? `${field} must not be empty` : `${field} needs at least ${min} characters`, field);
  }
  if (trimmed.length > max) throw badUserInput(`${field} must be at most ${max} characters`, field);
  return trimmed;
}

/** Like `text` for an optional input: null/undefined/blank become null. */
export function optionalText(value: string | null | undefined, field: string, max: number): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  return text(value, field, { max });
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function email(value: string, field: string): string {
  const trimmed = text(value, field, { max: 254 });
  if (!EMAIL.test(trimmed)) throw badUserInput(`${field} is not an e-mail address`, field);
  return trimmed;
}

/** An http(s) URL of at most 300 characters, or null. */
export function optionalWebsite(value: string | null | undefined, field: string): string | null {
  const trimmed = optionalText(value, field, 300);
  if (trimmed === null) return null;
  try {
    const url = new URL(trimmed);
    if (url.protocol === 'https:' || url.protocol === 'http:') return url.toString();
  } catch {
    // fall through
  }
  throw badUserInput(`${field} must be an http or https address`, field);
}
