import { badUserInput } from '../../../shared/src';

/** An endpoint a watchlist may name: HTTPS (plain HTTP only in development and tests), no credentials in it. */
export function webhookUrl(value: string, allowPlainHttp: boolean): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw badUserInput('webhookUrl is not a URL', 'webhookUrl');
  }
  if (value.length > 2000) throw badUserInput('webhookUrl is longer than 2000 characters', 'webhookUrl');
  if (url.protocol !== 'https:' && !(allowPlainHttp && url.protocol === 'http:')) {
    throw badUserInput('webhookUrl must be an https:// address', 'webhookUrl');
  }
  if (url.username || url.password) throw badUserInput('webhookUrl must not carry credentials', 'webhookUrl');
  return url.toString();
}
