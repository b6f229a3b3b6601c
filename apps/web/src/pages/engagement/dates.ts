import { useQuery } from '@tanstack/react-query';
import { dateInTimeZone } from '@weixi/domain/orders';
import { keys, systemApi } from '../../api/endpoints';

/**
 * Today in the business time zone (the server's, from /about), not the browser's: a manager
 * travelling abroad still sees Shanghai's "due today". Until /about has answered, the browser's
 * own zone stands in, which is the same zone for nearly everyone.
 */
export function useBusinessToday(): string {
  const about = useQuery({
    queryKey: keys.about,
    queryFn: systemApi.about,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const zone = about.data?.businessTimeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  return dateInTimeZone(new Date(), zone);
}
