/*
 * Per-execution times from n8n's own records: stoppedAt - startedAt of every execution of a workflow after a
 * given execution id (ids grow; createdAt has a coarser clock), as n8n's SQLite database stores them (UTC,
 * millisecond precision, no zone).
 */
import type { Database } from '../../scripts/lib/sqlite';

export interface ExecutionDurations {
	/** stoppedAt - startedAt per finished execution, ms. */
	durations: number[];
	/** Finished executions by status. */
	byStatus: Record<string, number>;
}

const fromSqliteTime = (text: string) => Date.parse(`${text.replace(' ', 'T')}Z`);

/** The highest execution id so far, 0 when there is none: what a run's executions come after. */
export async function lastExecutionId(db: Database): Promise<number> {
	const [row] = await db.query<{ last: number | null }>(
		'SELECT MAX(id) AS last FROM execution_entity',
	);
	return Number(row?.last ?? 0);
}

/** The finished executions of `workflowId` after execution `afterId`, their times and statuses. */
export async function executionDurations(
	db: Database,
	workflowId: string,
	afterId: number,
): Promise<ExecutionDurations> {
	const rows = await db.query<{ status: string; startedAt: string; stoppedAt: string }>(
		'SELECT status, startedAt, stoppedAt FROM execution_entity WHERE workflowId = ? AND id > ? AND stoppedAt IS NOT NULL AND startedAt IS NOT NULL',
		[workflowId, afterId],
	);
	const byStatus: Record<string, number> = {};
	for (const row of rows) byStatus[row.status] = (byStatus[row.status] ?? 0) + 1;
	return {
		durations: rows.map((row) => fromSqliteTime(row.stoppedAt) - fromSqliteTime(row.startedAt)),
		byStatus,
	};
}
