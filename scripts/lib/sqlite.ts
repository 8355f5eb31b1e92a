/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
/*
 * Reads an n8n instance's SQLite database (<userFolder>/.n8n/database.sqlite), read-only, while n8n runs.
 * The queries run in a child process on n8n's own Node with n8n's own sqlite3 binding: the only build of
 * sqlite3 on the machine, compiled for Node 24 (see runtime.ts), so this process (Node 20) cannot load it.
 *
 * Two ways to ask, one child script behind both:
 *   openDatabase(runtime, userFolder)   a long-lived reader: `await db.query(sql, params)`, then `db.close()`;
 *                                       for polling many times (the benchmark), one process for all queries.
 *   queryOnce(runtime, userFolder, sql) synchronous, one process per query; for a test's occasional look.
 * and the two questions the suites ask: executionStatuses (sync) and executionsSince (over an open database).
 */
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Runtime } from './runtime';

/** What the reader needs of a runtime: its Node, and the install that holds sqlite3. */
export type SqliteRuntime = Pick<Runtime, 'dir' | 'nodeBin'>;
/** A bound parameter of a query. */
export type SqlValue = string | number | null;
/** A result row, by column name; callers name the row type their SELECT produces. */
export type Row = Record<string, unknown>;

export interface Database {
	/** Runs one SELECT; rows as sqlite3's `all` returns them. Queries are answered in order. */
	query<R extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<R[]>;
	/** Ends the child process; pending queries are abandoned. */
	close(): void;
}

interface Answer {
	error: string | null;
	rows?: Row[];
}

/**
 * The child's program: reads one JSON `{sql, params}` per stdin line, answers one JSON `{error, rows}` per
 * stdout line in the same order, and closes the database once stdin has ended and every answer is written.
 * A busy timeout lets reads wait out n8n's writes instead of failing with SQLITE_BUSY.
 */
function readerScript(runtime: SqliteRuntime, userFolder: string): string {
	const sqlite3 = JSON.stringify(join(runtime.dir, 'node_modules', 'sqlite3'));
	const database = JSON.stringify(join(userFolder, '.n8n', 'database.sqlite'));
	return `
		const sqlite3 = require(${sqlite3});
		const db = new sqlite3.Database(${database}, sqlite3.OPEN_READONLY);
		db.configure('busyTimeout', 5000);
		let pending = 0;
		let ended = false;
		const closeWhenIdle = () => { if (ended && pending === 0) db.close(); };
		const lines = require('node:readline').createInterface({ input: process.stdin });
		lines.on('line', (line) => {
			const { sql, params } = JSON.parse(line);
			pending++;
			db.all(sql, params, (error, rows) => {
				process.stdout.write(JSON.stringify({ error: error ? error.message : null, rows }) + '\\n');
				pending--;
				closeWhenIdle();
			});
		});
		lines.on('close', () => { ended = true; closeWhenIdle(); });`;
}

const requestLine = (sql: string, params: readonly SqlValue[]) =>
	`${JSON.stringify({ sql, params })}\n`;

function rowsOf<R extends Row>(answer: Answer): R[] {
	if (answer.error !== null) throw new Error(`n8n's SQLite database: ${answer.error}`);
	return (answer.rows ?? []) as R[]; // the caller's SELECT decides the columns
}

/** A long-lived read-only connection in one child process; close() it when done. */
export function openDatabase(runtime: SqliteRuntime, userFolder: string): Database {
	const child = spawn(runtime.nodeBin, ['-e', readerScript(runtime, userFolder)], {
		stdio: ['pipe', 'pipe', 'inherit'],
	});
	const pending: Array<{ resolve(rows: Row[]): void; reject(error: Error): void }> = [];
	createInterface({ input: child.stdout }).on('line', (line) => {
		const waiter = pending.shift();
		if (!waiter) return;
		try {
			waiter.resolve(rowsOf(JSON.parse(line) as Answer));
		} catch (error) {
			waiter.reject(error instanceof Error ? error : new Error(String(error)));
		}
	});
	// A write after the child died fails with EPIPE; the exit handler below already rejects what was pending.
	child.stdin.on('error', () => {});
	child.on('exit', (code, signal) => {
		for (const waiter of pending.splice(0))
			waiter.reject(new Error(`the SQLite reader exited with ${signal ?? code}`));
	});
	return {
		query: <R extends Row = Row>(sql: string, params: readonly SqlValue[] = []) =>
			new Promise<R[]>((resolve, reject) => {
				if (child.exitCode !== null || child.signalCode !== null)
					return reject(new Error('the SQLite reader is closed'));
				pending.push({ resolve: (rows) => resolve(rows as R[]), reject });
				child.stdin.write(requestLine(sql, params));
			}),
		close: () => void child.kill(),
	};
}

/** Runs one SELECT synchronously, in a child process of its own. */
export function queryOnce<R extends Row = Row>(
	runtime: SqliteRuntime,
	userFolder: string,
	sql: string,
	params: readonly SqlValue[] = [],
): R[] {
	const output = execFileSync(runtime.nodeBin, ['-e', readerScript(runtime, userFolder)], {
		input: requestLine(sql, params),
		encoding: 'utf8',
	});
	return rowsOf<R>(JSON.parse(output) as Answer);
}

/** Executions recorded so far, by status: `{ success: 12, error: 1 }`. */
export function executionStatuses(
	runtime: SqliteRuntime,
	userFolder: string,
): Record<string, number> {
	const rows = queryOnce<{ status: string; count: number }>(
		runtime,
		userFolder,
		'SELECT status, COUNT(*) AS count FROM execution_entity GROUP BY status',
	);
	return Object.fromEntries(rows.map((row) => [row.status, row.count]));
}

export interface ExecutionsSince {
	/** Finished executions by status. */
	byStatus: Record<string, number>;
	/** How many finished, whatever their status. */
	finished: number;
	/** When the last of them stopped (Date.now() milliseconds), 0 when none has. */
	lastStop: number;
}

/** n8n stores UTC times as `YYYY-MM-DD HH:MM:SS.sss`, without a zone. */
const toSqliteTime = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
const fromSqliteTime = (text: string) => Date.parse(`${text.replace(' ', 'T')}Z`);

/**
 * Finished executions of a workflow created since `sinceMs` (Date.now() milliseconds; counted from one second
 * earlier), by status, and when the last one stopped.
 */
export async function executionsSince(
	db: Database,
	workflowId: string,
	sinceMs: number,
): Promise<ExecutionsSince> {
	const rows = await db.query<{ status: string; count: number; lastStop: string }>(
		'SELECT status, COUNT(*) AS count, MAX(stoppedAt) AS lastStop FROM execution_entity WHERE workflowId = ? AND createdAt >= ? AND stoppedAt IS NOT NULL GROUP BY status',
		[workflowId, toSqliteTime(sinceMs - 1000)],
	);
	return {
		byStatus: Object.fromEntries(rows.map((row) => [row.status, row.count])),
		finished: rows.reduce((sum, row) => sum + row.count, 0),
		lastStop: rows.reduce((latest, row) => Math.max(latest, fromSqliteTime(row.lastStop)), 0),
	};
}
