import type { Transporter } from 'nodemailer';
import type { Config } from '../../config';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
}

/** One pooled SMTP transport per server address, for the life of the process. */
const transports = new Map<string, Transporter>();

async function transportFor(url: string): Promise<Transporter> {
  let transport = transports.get(url);
  if (!transport) {
    // Loaded on first use: a server without SMTP_URL never needs it, and loading costs every start.
    const { default: nodemailer } = await import('nodemailer');
    transport =
      transports.get(url) ??
      nodemailer.createTransport({
        url,
        pool: true,
        maxConnections: 2,
        // nodemailer's defaults wait minutes for a silent server; a delivery run should not.
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      });
    transports.set(url, transport);
  }
  return transport;
}

/** Whether this server sends e-mail at all (SMTP_URL set). */
export function emailConfigured(config: Pick<Config, 'SMTP_URL'>): boolean {
  return !!config.SMTP_URL;
}

/**
 * Sends one plain-text message through SMTP_URL from SMTP_FROM. Resolves once the server accepted
 * it; rejects with the server's answer (e.g. a refused recipient) otherwise.
 */
export async function sendEmail(
  config: Pick<Config, 'SMTP_URL' | 'SMTP_FROM'>,
  message: EmailMessage,
): Promise<void> {
  if (!config.SMTP_URL) throw new Error('SMTP_URL is not set: this server sends no e-mail');
  await (await transportFor(config.SMTP_URL)).sendMail({
    from: config.SMTP_FROM,
    to: message.to,
    subject: message.subject,
    text: message.text,
    // Mail systems should not auto-reply to (or vacation-reply to) a notice.
    headers: { 'Auto-Submitted': 'auto-generated' },
  });
}

/** Closes the pooled connections (server shutdown, tests). */
export function closeMailers(): void {
  for (const t of transports.values()) t.close();
  transports.clear();
}
