import {
  type FieldIssue,
  publicSurveyResponseRequestSchema,
  publicSurveyResponseSchema,
} from '@weixi/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../http/app-error';
import { problems } from '../../http/responses';
import { makeAnonCtx } from '../../http/transaction';
import {
  answersFromForm,
  type FormValues,
  type MessageKind,
  type PageLang,
  pageLang,
  renderMessagePage,
  renderSurveyPage,
} from './survey-page';
import { surveySecret } from './survey-secret';
import { findPageInvitation, markOpened, type PageInvitation } from './surveys.repository';
import { invitationOfToken, SurveyLinkError, submitSurveyResponse } from './use-cases/submit-survey-response';

const secretOf = (req: FastifyRequest) =>
  surveySecret({ db: req.server.deps.db, config: req.server.deps.config }, true);

const langQuery = (req: FastifyRequest): string | undefined => {
  const q = req.query as Record<string, unknown> | undefined;
  return typeof q?.lang === 'string' ? q.lang : undefined;
};

/** The token from /s/<token>; anything longer than a real one is not one (and is not looked at). */
function tokenParam(req: FastifyRequest): string {
  const raw = (req.params as Record<string, string | undefined>)['*'] ?? '';
  return raw.length <= 1000 ? raw : '';
}

/** No actor: the customer answers. The job queue lets a low score's notification e-mail go at once. */
const anonCtx = (req: FastifyRequest) => ({ ...makeAnonCtx(req, req.server.deps.db), jobs: req.server.jobs });

const statusOf: Record<MessageKind, number> = { invalid: 404, expired: 410, answered: 409, thanks: 200 };

function html(reply: FastifyReply, status: number, body: string): FastifyReply {
  // no-store: the page holds a customer's answers; noindex is in the page itself.
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);
}

const pathOf = (token: string, lang: PageLang) => `/s/${encodeURIComponent(token)}?lang=${lang}`;

/** The invitation behind a link, or the message page that says why it cannot be answered. */
async function openInvitation(
  req: FastifyRequest,
  token: string,
): Promise<{ invitation: PageInvitation } | { problem: MessageKind; invitation: PageInvitation | null }> {
  const now = req.server.deps.clock.now();
  let id: string;
  try {
    id = invitationOfToken(token, await secretOf(req), now);
  } catch (e) {
    if (e instanceof SurveyLinkError) return { problem: e.problem, invitation: null };
    throw e;
  }
  const invitation = await findPageInvitation(req.server.deps.db, id);
  if (!invitation) return { problem: 'invalid', invitation: null };
  if (invitation.answered_at) return { problem: 'answered', invitation };
  if (invitation.expires_at <= now) return { problem: 'expired', invitation };
  return { invitation };
}

function formPage(
  token: string,
  lang: PageLang,
  inv: PageInvitation,
  values?: FormValues,
  errors?: readonly FieldIssue[],
): string {
  return renderSurveyPage({
    lang,
    action: pathOf(token, lang),
    switchHref: pathOf(token, lang === 'zh' ? 'en' : 'zh'),
    title: inv.survey_title,
    intro: inv.survey_intro,
    questions: inv.questions,
    ...(values ? { values } : {}),
    ...(errors ? { errors } : {}),
  });
}

/**
 * The customer's side of a survey: no login and no CSRF token. `/s/…` is outside /api, which the
 * auth hook does not look at; the JSON endpoint is marked public. What protects an invitation is
 * the signed token, and single use is enforced by the database.
 *
 * No rate limit here: the answer endpoint must take ≥ 1,000 submissions/s (benchmark), each needs
 * a valid signed token (forging one is as hard as the HMAC), and a token answers once. Flooding
 * with bad tokens costs an HMAC each and no query; a limit belongs at the reverse proxy.
 */
export async function surveyPublicRoutes(app: FastifyInstance) {
  // Encapsulated in this plugin: only these routes accept a plain HTML form post.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 256 * 1024 },
    (_req, body, done) => done(null, new URLSearchParams(String(body))),
  );
  const r = app.withTypeProvider<ZodTypeProvider>();

  // A wildcard, not `:token`: router parameters stop at 100 characters and a token is longer.
  r.get('/s/*', { schema: { hide: true } }, async (req, reply) => {
    const token = tokenParam(req);
    const opened = await openInvitation(req, token);
    const lang = pageLang(langQuery(req), opened.invitation?.locale ?? null);
    if ('problem' in opened) {
      // An answered link is not an error for the customer who opens it again: a thank-you page.
      const status = opened.problem === 'answered' ? 200 : statusOf[opened.problem];
      return html(reply, status, renderMessagePage(lang, opened.problem));
    }
    const inv = opened.invitation;
    if (!inv.opened_at) await markOpened(req.server.deps.db, inv.id, req.server.deps.clock.now());
    return html(reply, 200, formPage(token, lang, inv));
  });

  r.post('/s/*', { schema: { hide: true } }, async (req, reply) => {
    const token = tokenParam(req);
    const opened = await openInvitation(req, token);
    const lang = pageLang(langQuery(req), opened.invitation?.locale ?? null);
    if ('problem' in opened)
      return html(reply, statusOf[opened.problem], renderMessagePage(lang, opened.problem));
    const inv = opened.invitation;
    const form = req.body instanceof URLSearchParams ? req.body : new URLSearchParams();
    const { answers, values } = answersFromForm(inv.questions, form);
    try {
      await submitSurveyResponse(anonCtx(req), token, answers, await secretOf(req));
    } catch (e) {
      if (e instanceof SurveyLinkError)
        return html(reply, statusOf[e.problem], renderMessagePage(lang, e.problem));
      if (e instanceof AppError && e.code === 'validation_failed') {
        return html(reply, 400, formPage(token, lang, inv, values, e.extra.errors ?? []));
      }
      throw e;
    }
    return html(reply, 200, renderMessagePage(lang, 'thanks'));
  });

  r.post(
    '/api/v1/public/survey-responses',
    {
      config: { public: true },
      // Benchmarked at ≥ 1,000/s: no per-request log lines (warnings and errors still log).
      logLevel: 'warn',
      schema: {
        tags: ['surveys'],
        summary:
          'Answer a survey with the token of its link (no login): answers keyed by question id; 409 when already answered or expired',
        security: [],
        body: publicSurveyResponseRequestSchema,
        response: { 201: publicSurveyResponseSchema, ...problems(400, 404, 409) },
      },
    },
    async (req, reply) => {
      const saved = await submitSurveyResponse(
        anonCtx(req),
        req.body.token,
        req.body.answers,
        await secretOf(req),
      );
      return reply.status(201).send({ id: saved.id, submittedAt: saved.submittedAt });
    },
  );
}
