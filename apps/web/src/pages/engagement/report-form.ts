import { type GuideTopic, guideTopics } from '@weixi/shared';

export interface ReceivedByRow {
  name?: string;
  position?: string;
  decisionAuthority?: boolean;
  contactId?: string | null;
}

export interface CommitmentRow {
  title?: string;
  /** YYYY-MM-DD. */
  dueOn?: string | null;
  ownerId?: string | null;
}

/** The visit report form (拜访报告), with dates already written YYYY-MM-DD. */
export interface ReportFormValues {
  receivedBy: ReceivedByRow[];
  needs: string;
  problems: string;
  objections: string;
  prospects: string;
  competitorInfo: string;
  creditChange: 'none' | 'improved' | 'worsened';
  creditChangeCause: string;
  summary: string;
  guide: GuideTopic[];
  commitments: CommitmentRow[];
}

const blank = (s: string | undefined | null) => !s || s.trim() === '';

/**
 * The body of POST /visits/:id/report. Rows left wholly empty (an "add" clicked by mistake) are
 * dropped; the positions of the others are kept, so a server issue on `commitments.2.dueOn` still
 * names the third row on screen — rows are only dropped from the end for that reason.
 */
export function reportRequest(v: ReportFormValues, version: number): Record<string, unknown> {
  const receivedBy = trimEmptyTail(
    v.receivedBy,
    (r) => blank(r.name) && blank(r.position) && !r.contactId,
  ).map((r) => ({
    name: r.name ?? '',
    position: r.position ?? '',
    decisionAuthority: r.decisionAuthority === true,
    ...(r.contactId ? { contactId: r.contactId } : {}),
  }));
  const commitments = trimEmptyTail(v.commitments, (c) => blank(c.title) && !c.dueOn).map((c) => ({
    title: c.title ?? '',
    dueOn: c.dueOn ?? undefined,
    ...(c.ownerId ? { ownerId: c.ownerId } : {}),
  }));
  return {
    receivedBy,
    needs: v.needs,
    problems: v.problems,
    objections: v.objections,
    prospects: v.prospects,
    competitorInfo: v.competitorInfo,
    creditChange: v.creditChange,
    // A cause without a change would be read as one; it is kept only with a change.
    creditChangeCause: v.creditChange === 'none' ? '' : v.creditChangeCause,
    summary: v.summary,
    guide: Object.fromEntries(guideTopics.map((g) => [g, v.guide.includes(g)])),
    commitments,
    version,
  };
}

function trimEmptyTail<T>(rows: readonly (T | undefined)[], isEmpty: (row: T) => boolean): T[] {
  const list = rows.map((r) => r ?? ({} as T));
  let end = list.length;
  while (end > 0 && isEmpty(list[end - 1] as T)) end--;
  return list.slice(0, end);
}
