import {
  type CustomerGrade,
  customerGrades,
  type TicketAction,
  type TicketChannel,
  type TicketKind,
  type TicketPriority,
  type TicketStage,
  type TicketStatus,
  ticketActions,
  ticketChannels,
  ticketKinds,
  ticketPriorities,
  ticketStages,
  ticketStatuses,
} from '@weixi/shared';
import type { SettingsIssue } from './pool';
import type { SlaClockMode } from './sla';

/**
 * Rules of service tickets (DOMAIN §5): the status flow with its reopen window, the service
 * process stages, the default response and resolution targets with the administrator's policies
 * over them, and who hears about a breach. Pure: the clock and the settings come in as arguments;
 * the SLA clock itself (business hours, pauses) is in `sla.ts`.
 */

export {
  type TicketAction,
  type TicketChannel,
  type TicketKind,
  type TicketPriority,
  type TicketStage,
  type TicketStatus,
  ticketActions,
  ticketChannels,
  ticketKinds,
  ticketPriorities,
  ticketStages,
  ticketStatuses,
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// ---------- stages ----------

export interface TicketRuleError {
  ok: false;
  code: string;
  message: string;
  /** The form field the error belongs beside, when there is one. */
  field?: string;
}

const stageIndex = (s: TicketStage): number => ticketStages.indexOf(s);

/**
 * Moves the service process on. Skipping a stage is allowed (a question needs no agreed plan),
 * going back is not: the stage records how far the customer has been served, and the report of
 * where tickets stall would lie if it could be rewound.
 */
export function advanceStage(
  current: TicketStage,
  next: TicketStage,
): { ok: true; stage: TicketStage } | TicketRuleError {
  if (!ticketStages.includes(next)) {
    return { ok: false, code: 'invalid_stage', message: `unknown stage ${String(next)}`, field: 'stage' };
  }
  if (stageIndex(next) < stageIndex(current)) {
    return {
      ok: false,
      code: 'stage_backwards',
      message: `the stage cannot move back from ${current} to ${next}`,
      field: 'stage',
    };
  }
  return { ok: true, stage: next };
}

// ---------- status flow ----------

export interface TicketFlowState {
  status: TicketStatus;
  kind: TicketKind;
  stage: TicketStage;
  rootCauseId: string | null;
  important?: boolean;
}

export interface TicketTransitionInput {
  /** A root cause from the managed list, chosen while closing. */
  rootCauseId?: string | null;
  /** Why a ticket is reopened; required for reopening. */
  reason?: string;
  /** When the ticket was closed; required to reopen a closed ticket. */
  closedAt?: Date | null;
  now?: Date;
  /** A closed ticket can be reopened for this many days (24-hour periods); default 30. */
  reopenWindowDays?: number;
}

export const defaultReopenWindowDays = 30;

export interface TicketTransitionOk {
  ok: true;
  status: TicketStatus;
  /** The new stage when the transition moves it; absent: unchanged. */
  stage?: TicketStage;
  /** `start` on a new ticket acknowledges it too: the caller records the first response now. */
  acknowledgedNow?: true;
  /** The root cause to store, when it came with the close. */
  rootCauseId?: string;
}

export type TicketTransitionResult = TicketTransitionOk | TicketRuleError;

/** Where each action leads, and from where it may be taken. */
const flow: Record<TicketAction, { to: TicketStatus; from: readonly TicketStatus[] }> = {
  acknowledge: { to: 'acknowledged', from: ['new'] },
  start: { to: 'in_progress', from: ['new', 'acknowledged'] },
  resolve: { to: 'resolved', from: ['in_progress'] },
  close: { to: 'closed', from: ['resolved'] },
  reopen: { to: 'in_progress', from: ['resolved', 'closed'] },
};

const nonEmpty = (s: string | null | undefined): s is string => typeof s === 'string' && s.trim() !== '';

export function ticketTransition(
  ticket: TicketFlowState,
  action: TicketAction,
  input: TicketTransitionInput = {},
): TicketTransitionResult {
  const rule = flow[action];
  if (!rule) {
    return { ok: false, code: 'invalid_action', message: `unknown action ${String(action)}` };
  }
  const from = ticket.status;
  if (!rule.from.includes(from)) {
    return {
      ok: false,
      code: 'transition_not_allowed',
      message: `a ticket cannot move from ${from} to ${rule.to} (${action})`,
    };
  }
  switch (action) {
    case 'acknowledge':
      return { ok: true, status: 'acknowledged' };
    case 'start':
      // Starting work answers the customer: without the flag a ticket started straight from
      // `new` would never meet its first-response target.
      return from === 'new'
        ? { ok: true, status: 'in_progress', acknowledgedNow: true }
        : { ok: true, status: 'in_progress' };
    case 'resolve':
      if (stageIndex(ticket.stage) < stageIndex('deliver')) {
        return {
          ok: false,
          code: 'stage_too_early',
          message: `a ticket is resolved once the service is delivered; it is at ${ticket.stage}`,
          field: 'stage',
        };
      }
      return { ok: true, status: 'resolved', stage: 'collect_feedback' };
    case 'close': {
      const given = nonEmpty(input.rootCauseId) ? input.rootCauseId.trim() : null;
      // Complaints are closed against the managed list so recurring causes can be counted (DOMAIN §5).
      if (ticket.kind === 'complaint' && given === null && !nonEmpty(ticket.rootCauseId)) {
        return {
          ok: false,
          code: 'root_cause_required',
          message: 'a complaint is closed with its root cause',
          field: 'rootCauseId',
        };
      }
      return given === null
        ? { ok: true, status: 'closed' }
        : { ok: true, status: 'closed', rootCauseId: given };
    }
    case 'reopen': {
      if (!nonEmpty(input.reason)) {
        return {
          ok: false,
          code: 'reason_required',
          message: 'say why the ticket is reopened',
          field: 'reason',
        };
      }
      if (from === 'closed') {
        const windowDays = input.reopenWindowDays ?? defaultReopenWindowDays;
        const closedAt = input.closedAt?.getTime();
        const now = input.now?.getTime();
        if (closedAt === undefined || now === undefined || Number.isNaN(closedAt) || Number.isNaN(now)) {
          return {
            ok: false,
            code: 'reopen_window_unknown',
            message: 'reopening a closed ticket needs when it was closed and the current time',
          };
        }
        if (now - closedAt > windowDays * DAY) {
          return {
            ok: false,
            code: 'reopen_window_passed',
            message: `a closed ticket can be reopened for ${windowDays} days; open a new ticket instead`,
          };
        }
      }
      // The one way back in the process: the fix did not hold, so the service is delivered again,
      // and resolving moves the ticket to collect_feedback once more.
      return { ok: true, status: 'in_progress', stage: 'deliver' };
    }
  }
}

// ---------- SLA targets ----------

/**
 * One business day of the default calendar (09:00–18:00): targets in business mode count working
 * time, so "a business day" is nine counted hours, not 24.
 */
export const businessDayMs = 9 * HOUR;

export interface SlaTargets {
  firstResponseMs: number;
  resolutionMs: number;
  firstResponseMode: SlaClockMode;
  resolutionMode: SlaClockMode;
  /** The index of the policy that applied; null: the defaults. */
  policyIndex: number | null;
}

export const defaultSlaTargets = {
  /** Answered within: phone 30 s (recorded), email 24 h, online chat at once (a minute), WeChat 1 h. */
  firstResponseMs: {
    phone: 30_000,
    email: 24 * HOUR,
    online: MINUTE,
    wechat: HOUR,
    visit: 24 * HOUR,
  } satisfies Record<TicketChannel, number>,
  // "Email answered within 24 h" is wall-clock time (sla.ts); phone and chat are answered live.
  firstResponseMode: 'calendar' as SlaClockMode,
  resolutionMs: {
    urgent: 4 * HOUR,
    high: businessDayMs,
    normal: 3 * businessDayMs,
    low: 5 * businessDayMs,
  } satisfies Record<TicketPriority, number>,
  // Urgent is counted in hours on the clock: an urgent fault reported at 17:00 is not left overnight.
  resolutionMode: {
    urgent: 'calendar',
    high: 'business',
    normal: 'business',
    low: 'business',
  } satisfies Record<TicketPriority, SlaClockMode>,
  /** Better-graded customers are served faster; ungraded customers as C/D. */
  gradeFactor: { A: 0.5, B: 0.75, C: 1, D: 1 } satisfies Record<CustomerGrade, number>,
} as const;

export interface SlaPolicy {
  channel?: TicketChannel;
  priority?: TicketPriority;
  grade?: CustomerGrade;
  firstResponseMs: number;
  resolutionMs: number;
  mode: SlaClockMode;
}

export interface SlaTargetQuery {
  channel: TicketChannel;
  priority: TicketPriority;
  grade: CustomerGrade | null;
  policies?: readonly SlaPolicy[];
}

const policyKeys = ['channel', 'priority', 'grade'] as const;

const specificity = (p: SlaPolicy): number => policyKeys.filter((k) => p[k] !== undefined).length;

/**
 * The targets of a ticket: the most specific matching policy (most of channel, priority, grade
 * set; the first listed on a tie, so the order an administrator sees is the order that wins),
 * otherwise the defaults with the grade factor.
 */
export function slaTargetsFor(q: SlaTargetQuery): SlaTargets {
  let found: { policy: SlaPolicy; index: number; score: number } | null = null;
  for (const [index, policy] of (q.policies ?? []).entries()) {
    const matches =
      (policy.channel === undefined || policy.channel === q.channel) &&
      (policy.priority === undefined || policy.priority === q.priority) &&
      (policy.grade === undefined || policy.grade === q.grade);
    if (!matches) continue;
    const score = specificity(policy);
    if (found === null || score > found.score) found = { policy, index, score };
  }
  if (found) {
    return {
      firstResponseMs: found.policy.firstResponseMs,
      resolutionMs: found.policy.resolutionMs,
      firstResponseMode: found.policy.mode,
      resolutionMode: found.policy.mode,
      policyIndex: found.index,
    };
  }
  const d = defaultSlaTargets;
  const factor = q.grade === null ? 1 : d.gradeFactor[q.grade];
  return {
    firstResponseMs: d.firstResponseMs[q.channel],
    // Whole milliseconds: the clock walks integer instants.
    resolutionMs: Math.round(d.resolutionMs[q.priority] * factor),
    firstResponseMode: d.firstResponseMode,
    resolutionMode: d.resolutionMode[q.priority],
    policyIndex: null,
  };
}

/** What is wrong with a list of SLA policies, each issue named by the field a settings form shows it beside. */
export function slaPolicyIssues(policies: readonly SlaPolicy[]): SettingsIssue[] {
  const issues: SettingsIssue[] = [];
  const seen = new Map<string, number>();
  policies.forEach((p, i) => {
    const at = (field: string) => `policies.${i}.${field}`;
    const allowed = { channel: ticketChannels, priority: ticketPriorities, grade: customerGrades } as const;
    for (const k of policyKeys) {
      const v = p[k];
      if (v !== undefined && !(allowed[k] as readonly string[]).includes(v)) {
        issues.push({ path: at(k), code: 'invalid_value', message: `${String(v)} is not a ${k}` });
      }
    }
    for (const k of ['firstResponseMs', 'resolutionMs'] as const) {
      const v = p[k];
      if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
        issues.push({ path: at(k), code: 'not_positive', message: 'must be a positive time' });
      }
    }
    if (p.mode !== 'business' && p.mode !== 'calendar') {
      issues.push({ path: at('mode'), code: 'invalid_value', message: 'must be business or calendar' });
    }
    const key = policyKeys.map((k) => p[k] ?? '*').join('|');
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, i);
    } else {
      // The later duplicate could never apply (ties go to the first); point at its most specific field.
      const last = [...policyKeys].reverse().find((k) => p[k] !== undefined);
      issues.push({
        path: last ? at(last) : `policies.${i}`,
        code: 'duplicate',
        message: `the same channel, priority and grade as policy ${first + 1}`,
      });
    }
  });
  return issues;
}

// ---------- escalation ----------

export const escalationAudiences = ['owner_manager', 'management'] as const;
export type EscalationAudience = (typeof escalationAudiences)[number];

export type SlaBreach = 'first_response' | 'resolution';

/** Who hears of a breached target: the owner's manager always, management too for important complaints. */
export function escalationTargets(t: {
  kind: TicketKind;
  important: boolean;
  breached: SlaBreach;
}): EscalationAudience[] {
  const audiences: EscalationAudience[] = ['owner_manager'];
  if (t.kind === 'complaint' && t.important) audiences.push('management');
  return audiences;
}
