/*
 * What one scenario caused, and the checks on it: the deliveries it sent (and which n8n accepted, per workflow), the
 * items at its own recorder targets, and the executions of its own workflows counted before and after it. Every
 * scenario ends by checking one successful execution per delivery it had accepted, none in error: it passes or
 * fails on its own, in any order, alone or after a failed one.
 */
import type { Headers } from '../../shared/kit';
import * as local from '../../../scripts/lib/n8n-local';
import type { Recorded } from '../../../scripts/lib/recorder';
import { queryOnce } from '../../../scripts/lib/sqlite';
import type { Instance } from './instance';

export type Answer = local.PostAnswer;

/** Where a delivery goes: a webhook, and the workflow it belongs to (none for a webhook n8n does not know). */
export interface Destination {
	webhookId: string;
	workflowId?: string;
}

type Statuses = Record<string, number>;

/** Executions of each of `workflowIds` so far, by status. */
export function executionsOf(
	instance: Instance,
	workflowIds: readonly string[],
): Map<string, Statuses> {
	if (workflowIds.length === 0) return new Map();
	const rows = queryOnce<{ workflowId: string; status: string; count: number }>(
		instance.runtime,
		instance.userFolder,
		`SELECT workflowId, status, COUNT(*) AS count FROM execution_entity WHERE workflowId IN (${workflowIds.map(() => '?').join(', ')}) GROUP BY workflowId, status`,
		workflowIds,
	);
	const byWorkflow = new Map<string, Statuses>(workflowIds.map((id) => [id, {}]));
	for (const row of rows) byWorkflow.get(row.workflowId)![row.status] = row.count;
	return byWorkflow;
}

/** `after` less `before`, status by status, dropping zeros. */
const difference = (after: Statuses, before: Statuses): Statuses =>
	Object.fromEntries(
		Object.entries(after)
			.map(([status, count]): [string, number] => [status, count - (before[status] ?? 0)])
			.filter(([, count]) => count !== 0),
	);

const UNFINISHED = ['new', 'running', 'waiting'];

export class Run {
	private readonly accepted = new Map<string, number>();

	private constructor(
		readonly instance: Instance,
		private readonly workflowIds: readonly string[],
		private readonly before: Map<string, Statuses>,
	) {
		for (const id of workflowIds) this.accepted.set(id, 0);
	}

	/** Starts watching `workflowIds`: their executions so far are the baseline. */
	static begin(instance: Instance, workflowIds: readonly string[]): Run {
		return new Run(instance, workflowIds, executionsOf(instance, workflowIds));
	}

	url(webhookId: string): string {
		return `${this.instance.n8n.baseUrl}/webhook/${webhookId}/webhook`;
	}

	/** Posts a delivery; one n8n runs (200, received, neither ignored nor a duplicate) is counted for its workflow. */
	async send(to: Destination, body: string, headers: Headers): Promise<Answer> {
		const answer = await local.post(this.url(to.webhookId), { body, headers });
		const runs =
			answer.status === 200 &&
			answer.json?.received === true &&
			!answer.json?.ignored &&
			!answer.json?.duplicate;
		if (runs && to.workflowId !== undefined) {
			if (!this.accepted.has(to.workflowId))
				throw new Error(
					`a delivery to workflow ${to.workflowId}, which this scenario does not watch`,
				);
			this.accepted.set(to.workflowId, this.accepted.get(to.workflowId)! + 1);
		}
		return answer;
	}

	/** The items recorded at `/capture/<target>`. */
	arrivedAt(target: string): Recorded[] {
		return this.instance.recorder.received.filter(
			(request) => request.path === `/capture/${target}`,
		);
	}

	/** Every request recorded at a path starting with `prefix` (a scenario's `/capture/<key>/`). */
	arrivedUnder(prefix: string): Recorded[] {
		return this.instance.recorder.received.filter((request) => request.path.startsWith(prefix));
	}

	/** Waits for the executions of the watched workflows to finish, then expects one success per accepted delivery each. */
	async expectOneSuccessPerAcceptedDelivery(): Promise<void> {
		const expected = new Map(
			[...this.accepted].map(([id, count]): [string, Statuses] => [
				id,
				count > 0 ? { success: count } : {},
			]),
		);
		let caused = new Map<string, Statuses>();
		for (let attempt = 0; attempt < 60; attempt++) {
			caused = new Map(
				[...executionsOf(this.instance, this.workflowIds)].map(([id, after]) => [
					id,
					difference(after, this.before.get(id)!),
				]),
			);
			const settled = [...caused].every(([id, statuses]) => {
				const total = Object.values(statuses).reduce((sum, count) => sum + count, 0);
				return total >= this.accepted.get(id)! && UNFINISHED.every((status) => !statuses[status]);
			});
			if (settled) break;
			await local.sleep(1000);
		}
		expect(Object.fromEntries(caused)).toEqual(Object.fromEntries(expected));
	}
}

/**
 * Registers one scenario: `steps` run against a Run watching `workflowIds` (read when the test starts), then every
 * watched workflow must hold one successful execution per delivery the scenario had accepted, and none in error.
 */
export function scenario(
	register: jest.It,
	name: string,
	instance: Instance,
	workflowIds: () => readonly string[],
	steps: (run: Run) => Promise<void>,
): void {
	register(name, async () => {
		const run = Run.begin(instance, workflowIds());
		await steps(run);
		await run.expectOneSuccessPerAcceptedDelivery();
	});
}
