import type { DataScope } from '@weixi/domain';
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';

export interface ScopeColumns {
  /** Column holding the owning user's id, e.g. `c.owner_id`. */
  owner: string;
  /**
   * Column holding the owning department's id, e.g. `c.department_id`. Without it, a department
   * scope reaches records whose owner is a member of the department subtree — always current,
   * even after people move between departments.
   */
  department?: string;
  /**
   * Optional subquery test for collaborators: given the actor id, an expression true when the
   * actor collaborates on the row (e.g. exists in customer_collaborator).
   */
  collaborator?: (userId: string) => Expression<SqlBool>;
}

/**
 * The SQL form of `scopeAllows` (packages/domain): repositories add it to every list and every
 * lookup, so a record outside the actor's scope is simply not found (404), and a write through
 * a scoped lookup cannot touch it.
 */
export function scopeFilter(scope: DataScope, columns: ScopeColumns) {
  // Column names come from the calling repository, not from users: sql.ref quotes them.
  return <DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>): Expression<SqlBool> => {
    if (scope.kind === 'all') return sql<SqlBool>`true`;
    const mine: Expression<SqlBool>[] = [sql<SqlBool>`${sql.ref(columns.owner)} = ${scope.userId}`];
    if (columns.collaborator) mine.push(columns.collaborator(scope.userId));
    if (scope.kind === 'department' && scope.departmentIds.length > 0) {
      const ids = [...scope.departmentIds];
      mine.push(
        columns.department
          ? sql<SqlBool>`${sql.ref(columns.department)} = any(${ids})`
          : sql<SqlBool>`${sql.ref(columns.owner)} in (select u.id from app_user u where u.department_id = any(${ids}))`,
      );
    }
    return eb.or(mine);
  };
}
