import type { CustomerDetail } from '@weixi/shared';

export const cardLayouts = ['standard', 'key'] as const;
export type CardLayout = (typeof cardLayouts)[number];

/**
 * The handbook manages key customers separately with their own card (重要客户的客户关系卡);
 * in Weixi a customer counts as key when it is categorised so or carries the top grade.
 */
export function defaultCardLayout(c: Pick<CustomerDetail, 'category' | 'grade'>): CardLayout {
  return c.category === 'key' || c.grade === 'A' ? 'key' : 'standard';
}
