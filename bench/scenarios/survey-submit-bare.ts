// The bare baseline of the survey-submit scenario: Fastify + pg and nothing else, doing by hand
// what POST /api/v1/public/survey-responses does on the benchmark's answers (no low scores, no
// ticket): the HMAC check of the token with the same domain function, then one transaction of a
// conditional UPDATE … RETURNING (single use) and the INSERT of the response. No schema
// validation of the body beyond JSON, no security headers, no settings read, no problem+json.
import { randomUUID } from 'node:crypto';
import { verifySurveyToken } from '@weixi/domain';
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const secret = Buffer.from(process.env.SURVEY_SECRET ?? '', 'base64url');
const app = Fastify({ logger: false });

app.get('/readyz', async () => ({ ok: true }));

app.post('/submit', async (req, reply) => {
  const body = req.body as { token?: string; answers?: Record<string, unknown> };
  const now = new Date();
  const v = verifySurveyToken(String(body.token ?? ''), secret, now);
  if (!v.ok) return reply.status(404).send({ code: v.code });
  const client = await pool.connect();
  try {
    await client.query('begin');
    const claimed = await client.query<{ survey_id: string; customer_id: string; ticket_id: string | null }>(
      `update survey_invitation set answered_at = $2
       where id = $1 and answered_at is null and expires_at > $2
       returning survey_id, customer_id, ticket_id`,
      [v.invitationId, now],
    );
    const row = claimed.rows[0];
    if (!row) {
      await client.query('rollback');
      return reply.status(409).send({ code: 'already_answered' });
    }
    const answers = body.answers ?? {};
    const id = randomUUID();
    await client.query(
      `insert into survey_response (id, invitation_id, survey_id, customer_id, ticket_id, submitted_at, answers, csat, nps, low_score)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, false)`,
      [
        id,
        v.invitationId,
        row.survey_id,
        row.customer_id,
        row.ticket_id,
        now,
        JSON.stringify(answers),
        typeof answers.sat === 'number' ? answers.sat : null,
        typeof answers.nps === 'number' ? answers.nps : null,
      ],
    );
    await client.query('commit');
    return reply.status(201).send({ id, submittedAt: now.toISOString() });
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
});

app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' }).catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
