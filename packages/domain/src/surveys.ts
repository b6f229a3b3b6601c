import { createHmac, timingSafeEqual } from 'node:crypto';
import { type SurveyQuestionType, surveyQuestionTypes } from '@weixi/shared';
import type { SettingsIssue } from './pool';

/**
 * Satisfaction surveys (DOMAIN §5): the questions an administrator defines, the answers a customer
 * sends through a link that needs no login, the CSAT and NPS figures, the low scores that open a
 * follow-up for the owner, and the signed token of that link. Pure apart from the HMAC.
 */

export { type SurveyQuestionType, surveyQuestionTypes };

export interface SurveyQuestion {
  id: string;
  type: SurveyQuestionType;
  label: string;
  required: boolean;
  /** The choices of single_choice and multi_choice questions. */
  options?: readonly string[];
}

export interface SurveyDefinition {
  questions: readonly SurveyQuestion[];
}

/** A customer answers in one sitting; longer forms are abandoned halfway. */
export const surveyMaxQuestions = 30;
/** Characters (code points, so a Chinese character counts one) of a free-text answer. */
export const surveyMaxTextLength = 2000;

export const csatRange = { min: 1, max: 5 } as const;
export const npsRange = { min: 0, max: 10 } as const;

const isChoice = (t: SurveyQuestionType) => t === 'single_choice' || t === 'multi_choice';
const isText = (v: unknown): v is string => typeof v === 'string';
const codePoints = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/** What is wrong with a survey, each issue named by the field the survey editor shows it beside. */
export function surveyDefinitionIssues(def: SurveyDefinition): SettingsIssue[] {
  const issues: SettingsIssue[] = [];
  const questions = Array.isArray(def?.questions) ? def.questions : null;
  if (!questions || questions.length === 0) {
    issues.push({ path: 'questions', code: 'required', message: 'a survey needs at least one question' });
    return issues;
  }
  if (questions.length > surveyMaxQuestions) {
    issues.push({
      path: 'questions',
      code: 'too_many',
      message: `a survey has at most ${surveyMaxQuestions} questions`,
    });
  }
  const ids = new Map<string, number>();
  questions.forEach((q, i) => {
    const at = (field: string) => `questions.${i}.${field}`;
    if (!isText(q.id) || q.id.trim() === '') {
      issues.push({ path: at('id'), code: 'required', message: 'a question needs an id' });
    } else if (ids.has(q.id)) {
      issues.push({
        path: at('id'),
        code: 'duplicate',
        message: `the id ${q.id} is already used by question ${(ids.get(q.id) ?? 0) + 1}`,
      });
    } else {
      ids.set(q.id, i);
    }
    if (!surveyQuestionTypes.includes(q.type)) {
      issues.push({
        path: at('type'),
        code: 'invalid_value',
        message: `${String(q.type)} is not a question type`,
      });
    }
    if (!isText(q.label) || q.label.trim() === '') {
      issues.push({ path: at('label'), code: 'required', message: 'a question needs a label' });
    }
    if (isChoice(q.type)) {
      const options: readonly unknown[] = Array.isArray(q.options) ? q.options : [];
      const distinct = new Set<string>();
      options.forEach((o, j) => {
        const text = isText(o) ? o.trim() : '';
        if (text === '') {
          issues.push({ path: `${at('options')}.${j}`, code: 'required', message: 'an option needs a text' });
        } else if (distinct.has(text)) {
          // Two equal options make an answer ambiguous in the figures.
          issues.push({
            path: `${at('options')}.${j}`,
            code: 'duplicate',
            message: `${text} is listed twice`,
          });
        } else {
          distinct.add(text);
        }
      });
      if (distinct.size < 2) {
        issues.push({
          path: at('options'),
          code: 'too_few',
          message: 'a choice needs at least two different options',
        });
      }
    }
  });
  return issues;
}

// ---------- answers ----------

export type SurveyAnswerValue = number | string | string[];
export type SurveyAnswers = Record<string, SurveyAnswerValue>;

export interface SurveyAnswerResult {
  issues: SettingsIssue[];
  /** The answers as stored: unanswered questions left out, free text trimmed (escaped when rendered, not here). */
  answers: SurveyAnswers;
}

const isBlank = (v: unknown): boolean =>
  v === undefined || v === null || (isText(v) && v.trim() === '') || (Array.isArray(v) && v.length === 0);

/** Checks a customer's answers against the survey; an issue's path is `answers.<question id>`. */
export function validateSurveyAnswers(def: SurveyDefinition, answers: unknown): SurveyAnswerResult {
  const issues: SettingsIssue[] = [];
  const clean: SurveyAnswers = {};
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) {
    issues.push({
      path: 'answers',
      code: 'invalid_type',
      message: 'answers must be an object keyed by question id',
    });
    return { issues, answers: clean };
  }
  const given = answers as Record<string, unknown>;
  const byId = new Map(def.questions.map((q) => [q.id, q]));
  for (const id of Object.keys(given)) {
    if (!byId.has(id)) {
      issues.push({
        path: `answers.${id}`,
        code: 'unknown_question',
        message: `no question ${id} in this survey`,
      });
    }
  }
  for (const q of def.questions) {
    const path = `answers.${q.id}`;
    const v = Object.hasOwn(given, q.id) ? given[q.id] : undefined;
    const fail = (code: string, message: string) => issues.push({ path, code, message });
    if (isBlank(v)) {
      if (q.required) fail('required', 'this question needs an answer');
      continue;
    }
    switch (q.type) {
      case 'csat':
      case 'nps': {
        const range = q.type === 'csat' ? csatRange : npsRange;
        if (typeof v !== 'number' || !Number.isFinite(v)) fail('invalid_type', 'must be a score');
        else if (!Number.isInteger(v)) fail('not_integer', 'must be a whole score');
        else if (v < range.min || v > range.max)
          fail('out_of_range', `must be from ${range.min} to ${range.max}`);
        else clean[q.id] = v;
        break;
      }
      case 'single_choice': {
        const options = (q.options ?? []).map((o) => o.trim());
        if (!isText(v)) fail('invalid_type', 'must be one of the options');
        else if (!options.includes(v.trim())) fail('unknown_option', `${v} is not one of the options`);
        else clean[q.id] = v.trim();
        break;
      }
      case 'multi_choice': {
        const options = (q.options ?? []).map((o) => o.trim());
        if (!Array.isArray(v) || !v.every(isText)) {
          fail('invalid_type', 'must be a list of options');
          break;
        }
        const picked = v.map((o) => o.trim());
        const unknown = picked.find((o) => !options.includes(o));
        if (unknown !== undefined) fail('unknown_option', `${unknown} is not one of the options`);
        else if (new Set(picked).size !== picked.length)
          fail('duplicate_choice', 'an option is chosen twice');
        else clean[q.id] = picked;
        break;
      }
      case 'free_text': {
        if (!isText(v)) fail('invalid_type', 'must be text');
        else if (codePoints(v.trim()) > surveyMaxTextLength)
          fail('too_long', `must be at most ${surveyMaxTextLength} characters`);
        else clean[q.id] = v.trim();
        break;
      }
    }
  }
  return { issues, answers: clean };
}

// ---------- figures ----------

type Score = number | null | undefined;

const answered = (scores: readonly Score[], min: number, max: number): number[] =>
  // Unanswered (null) and invalid scores are not counted: validation keeps the latter out of storage.
  scores.filter((s): s is number => typeof s === 'number' && Number.isInteger(s) && s >= min && s <= max);

/** Share (%) of satisfied answers, 4 and 5, among the answered; null when none. Not rounded: the figure is compared with the ≥ 90 % target. */
export function csatPercent(scores: readonly Score[]): number | null {
  const valid = answered(scores, csatRange.min, csatRange.max);
  if (valid.length === 0) return null;
  return (valid.filter((s) => s >= 4).length * 100) / valid.length;
}

/** Net promoter score: % promoters (9–10) − % detractors (0–6), one decimal; null when none answered. */
export function npsScore(scores: readonly Score[]): number | null {
  const valid = answered(scores, npsRange.min, npsRange.max);
  if (valid.length === 0) return null;
  const net = valid.filter((s) => s >= 9).length - valid.filter((s) => s <= 6).length;
  // Rounded on integers (per mille) so 1/3 does not carry binary noise; `+ 0` turns −0 into 0.
  return Math.round((net * 1000) / valid.length) / 10 + 0;
}

export interface LowScoreThresholds {
  /** A CSAT answer at or below this is low. */
  csatAtMost: number;
  /** An NPS answer at or below this (a detractor) is low. */
  npsAtMost: number;
}

export const defaultLowScoreThresholds: LowScoreThresholds = { csatAtMost: 2, npsAtMost: 6 };

/** Whether an answered survey opens a follow-up task for the customer's owner. */
export function isLowScore(
  def: SurveyDefinition,
  answers: Readonly<Record<string, unknown>>,
  thresholds: LowScoreThresholds = defaultLowScoreThresholds,
): boolean {
  return def.questions.some((q) => {
    const v = Object.hasOwn(answers, q.id) ? answers[q.id] : undefined;
    if (typeof v !== 'number') return false;
    if (q.type === 'csat') return v <= thresholds.csatAtMost;
    if (q.type === 'nps') return v <= thresholds.npsAtMost;
    return false;
  });
}

// ---------- link tokens ----------

/**
 * The link a customer opens carries `base64url(payload).base64url(HMAC-SHA256(payload))`: no
 * login, so the signature is what stops someone from answering another customer's invitation.
 * The token is not single use by itself: the answer is stored against the invitation and the
 * database refuses a second answer (unique invitation id), which no pure check can do.
 */
export interface SurveyTokenPayload {
  invitationId: string;
  expiresAt: Date;
}

export type SurveyTokenResult =
  | { ok: true; invitationId: string; expiresAt: Date }
  | { ok: false; code: 'malformed' | 'bad_signature' | 'expired' };

/** 128 bits: a shorter secret can be guessed offline from a single link. */
export const surveyTokenMinSecretBytes = 16;

type Secret = string | Uint8Array;

function checkSecret(secret: Secret): void {
  const bytes = typeof secret === 'string' ? Buffer.byteLength(secret) : secret.byteLength;
  if (bytes < surveyTokenMinSecretBytes) {
    throw new RangeError(`the survey token secret needs at least ${surveyTokenMinSecretBytes} bytes`);
  }
}

const sign = (payload: string, secret: Secret): Buffer =>
  createHmac('sha256', secret).update(payload).digest();

const base64url = /^[A-Za-z0-9_-]+$/;

export function createSurveyToken(p: SurveyTokenPayload, secret: Secret): string {
  checkSecret(secret);
  if (typeof p.invitationId !== 'string' || p.invitationId === '') {
    throw new RangeError('invitationId must be a non-empty string');
  }
  const exp = p.expiresAt.getTime();
  if (Number.isNaN(exp)) throw new RangeError('expiresAt is not a valid date');
  const payload = Buffer.from(JSON.stringify({ i: p.invitationId, e: exp })).toString('base64url');
  return `${payload}.${sign(payload, secret).toString('base64url')}`;
}

export function verifySurveyToken(token: string, secret: Secret, now: Date): SurveyTokenResult {
  checkSecret(secret);
  const parts = typeof token === 'string' ? token.split('.') : [];
  const [payload, sig] = parts;
  if (parts.length !== 2 || !payload || !sig || !base64url.test(payload) || !base64url.test(sig)) {
    return { ok: false, code: 'malformed' };
  }
  const given = Buffer.from(sig, 'base64url');
  // Base64 has spare bits in its last character: without this, several spellings of one signature
  // would all pass, and a changed link would still verify.
  if (given.toString('base64url') !== sig) return { ok: false, code: 'bad_signature' };
  const expected = sign(payload, secret);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, code: 'bad_signature' };
  }
  // Parsed only once signed by us, but still checked: a secret shared with an older format must not crash.
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, code: 'malformed' };
  }
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (typeof b.i !== 'string' || b.i === '' || typeof b.e !== 'number' || !Number.isFinite(b.e)) {
    return { ok: false, code: 'malformed' };
  }
  // The expiry instant is the first one at which the link no longer works.
  if (now.getTime() >= b.e) return { ok: false, code: 'expired' };
  return { ok: true, invitationId: b.i, expiresAt: new Date(b.e) };
}
