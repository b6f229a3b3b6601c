import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../../api/service-tickets';
import { ticketKeys } from '../../../api/service-tickets';
import { isVersionConflict, serviceErrorText } from '../form-errors';

/**
 * What every write on the ticket page does afterwards: show the saved ticket at once, refresh
 * its history, survey invitations, the queue and the customer's timeline; and on a stale version
 * say so and load the current ticket, since the user's change was made against an old one.
 */
export function useTicketWrite(ticketId: string) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ticketKeys.tickets });
    void queryClient.invalidateQueries({ queryKey: ['engagement'] });
  };
  return {
    applied(saved: Ticket, text: string) {
      queryClient.setQueryData(ticketKeys.ticket(ticketId), saved);
      refresh();
      message.success(text);
    },
    /** Returns true when the error was a version conflict (already reported and reloaded). */
    failed(err: unknown, opts: { quiet?: boolean } = {}): boolean {
      if (isVersionConflict(err)) {
        message.warning(t('service.edit.conflict'), 6);
        refresh();
        return true;
      }
      if (!opts.quiet) message.error(serviceErrorText(t, err));
      return false;
    },
    refresh,
  };
}
