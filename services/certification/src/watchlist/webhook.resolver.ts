import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { PageArgs, type RequestContext } from '../../../shared/src';
import type { CertificationLoaders, CertificationServices } from '../context';
import type { VerificationServices } from '../verification/verification.types';
import { Watchlist } from './watchlist.entity';
import { deliveriesOf, rotateWebhookSecret, setWebhook } from './webhook.service';
import { WatchlistWebhook, WebhookDeliveryConnection } from './webhook.types';

type WebhookContext = RequestContext<CertificationLoaders, VerificationServices & Pick<CertificationServices, 'webhooksOverPlainHttp' | 'settings'>>;

const EXPECTED_VERSION = { description: 'The watchlist version this change is based on; CONFLICT if it changed since.' };

/** A watchlist's webhook (Standard Webhooks): endpoint, secret, deliveries. Only the owning partner organization. */
@Resolver(() => Watchlist)
export class WatchlistWebhookResolver {
  @Mutation(() => WatchlistWebhook, {
    description:
      'Sets the HTTPS endpoint each change of the watchlist\'s organizations is posted to, or removes it (null). ' +
      'The first endpoint gets a signing secret, shown once in the answer. BAD_USER_INPUT when the partner organization ' +
      'already has as many webhooks as it may.',
  })
  setWatchlistWebhook(
    @Arg('id', () => ID, { description: 'The watchlist\'s id.' }) id: string,
    @Arg('webhookUrl', () => String, { nullable: true, description: 'An https:// address; null removes the webhook.' }) webhookUrl: string | null,
    @Arg('expectedVersion', () => Int, EXPECTED_VERSION) expectedVersion: number,
    @Ctx() { database, viewer, services }: WebhookContext,
  ) {
    return setWebhook(database, viewer, id, webhookUrl, expectedVersion, services.webhooksOverPlainHttp, services.settings.partnerLimits);
  }

  @Mutation(() => WatchlistWebhook, { description: 'Replaces the webhook\'s signing secret; the new one is shown once in the answer.' })
  rotateWatchlistWebhookSecret(
    @Arg('id', () => ID, { description: 'The watchlist\'s id.' }) id: string,
    @Arg('expectedVersion', () => Int, EXPECTED_VERSION) expectedVersion: number,
    @Ctx() { database, viewer }: WebhookContext,
  ) {
    return rotateWebhookSecret(database, viewer, id, expectedVersion);
  }

  @FieldResolver(() => WebhookDeliveryConnection, { description: 'The deliveries to the webhook, newest change first, in pages of `first` (or `last`, backwards): status, attempts, last error.' })
  deliveries(@Root() watchlist: Watchlist, @Args() args: PageArgs, @Ctx() { database }: WebhookContext) {
    return deliveriesOf(database, watchlist.id, args);
  }
}
