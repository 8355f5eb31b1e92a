/** The ledger of votes sent, answered, arrived downstream, and the executions each should start. */
import { LISTS } from '../../../test/registry';
import type { ListKit } from '../../../test/shared/kit';
import type { Recorded, Recorder } from '../recorder';
import { sum, until } from './common';
import { forgedVote, vote, type Answer, type Delivery } from './deliveries';
import type { Postgres } from './postgres';
import type { Capture, Recipe } from './workflows';

/** Executions by workflow id, then by status. */
export type ExecutionCounts = Record<string, Record<string, number>>;
const UNFINISHED = ['new', 'running', 'waiting'];
export const unfinished = (byWorkflow: ExecutionCounts) =>
	sum(
		Object.values(byWorkflow).flatMap((statuses) =>
			UNFINISHED.map((status) => statuses[status] ?? 0),
		),
	);
export const finished = (statuses: Record<string, number> = {}) =>
	sum(
		Object.entries(statuses)
			.filter(([status]) => !UNFINISHED.includes(status))
			.map(([, count]) => count),
	);
export const total = (byWorkflow: ExecutionCounts) =>
	sum(Object.values(byWorkflow).flatMap((statuses) => Object.values(statuses)));

/** Bookkeeping over every delivery sent, what arrived downstream and the executions each should start. */
export class Ledger {
	private nextN = 0;
	private forgedCount = 0;
	private ingested = 0;
	/** Capture deliveries by voter, with their answers. */
	readonly valid = new Map<string, { kit: ListKit; answers: Answer[] }>();
	readonly forged = new Map<string, { kit: ListKit; answers: Answer[] }>();
	/** Executions each workflow should have run, by workflow id. */
	readonly expectedRuns: Record<string, number>;
	/** Items recorded by the capture workflows, by `userId`. */
	readonly captureArrivals = new Map<string, number>();
	private readonly captureOf: Map<ListKit, Capture>;

	constructor(
		readonly recorder: Recorder,
		private readonly postgres: Postgres,
		readonly captures: readonly Capture[],
		recipes: readonly Recipe[],
	) {
		this.captureOf = new Map(captures.map((capture) => [capture.kit, capture]));
		this.expectedRuns = Object.fromEntries(
			[...captures.map((capture) => capture.id), ...recipes.map((entry) => entry.workflow.id)].map(
				(id) => [id, 0],
			),
		);
	}

	/** A genuine vote of `kit` no other delivery of this run has. */
	nextVote(kit: ListKit): Delivery {
		return vote(kit, this.nextN++);
	}

	/** A forged vote, of each list in turn. */
	nextForged(): Delivery {
		return forgedVote(LISTS[this.forgedCount++ % LISTS.length], this.nextN++);
	}

	capture(kit: ListKit): Capture {
		const capture = this.captureOf.get(kit);
		if (!capture) throw new Error(`no capture workflow for ${kit.platform.name}`);
		return capture;
	}

	isCapture = (request: Recorded) => request.path.startsWith('/capture/');

	/** Counts the capture items the recorder received since the last call. */
	ingest(): void {
		const received = this.recorder.received;
		for (; this.ingested < received.length; this.ingested++) {
			const request = received[this.ingested];
			if (!this.isCapture(request)) continue;
			const userId = request.json?.userId;
			const key = typeof userId === 'string' ? userId : '(no userId)';
			this.captureArrivals.set(key, (this.captureArrivals.get(key) ?? 0) + 1);
		}
	}

	/** The executions in n8n's database. */
	async executions(): Promise<ExecutionCounts> {
		const rows = await this.postgres.query(
			'n8n',
			'SELECT "workflowId", status, COUNT(*) FROM execution_entity GROUP BY 1, 2',
		);
		const result: ExecutionCounts = {};
		for (const line of rows.split('\n').filter(Boolean)) {
			const [workflowId, status, count] = line.split('\t');
			result[workflowId] ??= {};
			result[workflowId][status] = Number(count);
		}
		return result;
	}

	expectedTotal(): number {
		return sum(Object.values(this.expectedRuns));
	}

	/** Until every run expected of `workflowId` has finished, one way or another. */
	ranAll(workflowId: string, timeoutMs: number, everyMs: number): Promise<boolean> {
		return until(
			async () => finished((await this.executions())[workflowId]) >= this.expectedRuns[workflowId],
			{ timeoutMs, everyMs },
		);
	}
}
