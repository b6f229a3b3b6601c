import type { Ctx } from '../../../http/context';
import { cardFileName } from '../card/card-file';
import { cardFonts } from '../card/card-font';
import { type CardLang, cardLangForLocale } from '../card/card-labels';
import { type CardLayout, defaultCardLayout } from '../card/card-layout';
import { getCustomerSettings } from './customer-settings';
import { getCustomer } from './get-customer';

export interface PrintCardInput {
  id: string;
  /** Omitted: key customers get the key layout, everyone else the standard one. */
  layout?: CardLayout;
  /** Omitted: the actor's own interface language. */
  lang?: CardLang;
}

export interface PrintedCard {
  pdf: Buffer;
  fileName: string;
  layout: CardLayout;
  lang: CardLang;
}

/**
 * The relationship card (客户关系卡) of one customer as a one-page PDF.
 *
 * The card is a printout of the detail view and nothing more: it is built from getCustomer, so the
 * same data scope applies (out of scope is a 404) and the presenter has already masked phone
 * numbers, e-mail and WeChat for actors who see them masked on screen. For that reason printing
 * writes no audit entry: it reveals nothing the actor could not already read, and unmasking stays
 * the one audited way to see more (decision 007).
 */
export async function printCard(ctx: Ctx, input: PrintCardInput): Promise<PrintedCard> {
  const customer = await getCustomer(ctx, input.id);
  // pdfkit takes ~0.4 s to load: loaded on the first card, not on every server start.
  const [settings, fonts, { renderCustomerCard }] = await Promise.all([
    getCustomerSettings(ctx),
    cardFonts(),
    import('../card/card-renderer'),
  ]);
  const layout = input.layout ?? defaultCardLayout(customer);
  const lang = input.lang ?? cardLangForLocale(ctx.actor.locale);
  const pdf = await renderCustomerCard(
    {
      customer,
      layout,
      lang,
      printedAt: ctx.clock.now(),
      printedBy: ctx.actor.name,
      timeZone: ctx.config.TZ_BUSINESS,
      verifyAfterDays: settings.verifyAfterDays,
    },
    fonts,
  );
  return { pdf, fileName: cardFileName(lang, customer.name), layout, lang };
}
