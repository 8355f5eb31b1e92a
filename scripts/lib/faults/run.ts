/* eslint-disable @n8n/community-nodes/no-restricted-globals -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
/** One scenario: votes of every list at a steady rate, the fault injected a quarter of the way in, then the count. */
import { round, say, until } from '../queue/common';
import { FAULTS } from './config';
import type { Fault, FaultWindow } from './scenarios';
import { deliver, type Sent, type Vote } from './sender';
import type { Stack } from './stack';
import type { ListRecipe } from './workflows';

/** The voter of vote `n` of the run: a Discord id no other vote of the run has. */
const voterOf = (n: number) => String(720000000000000000n + BigInt(n));
let votesSoFar = 0;

function votesOf(recipes: readonly ListRecipe[]): Vote[] {
	return Array.from({ length: FAULTS.votes }, (_, index) => {
		const { kit, path } = recipes[index % recipes.length];
		const voter = voterOf(votesSoFar++);
		return { kit, voter, path, body: kit.voteBy(voter, new Date()) };
	});
}

const sleepUntil = (at: number) =>
	new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));

export interface ScenarioRun {
	fault: Fault;
	window: FaultWindow;
	startedAt: number;
	sent: Sent[];
	/** When every sender was done and every execution had finished (or the wait for them ended). */
	settledAt: number;
}

/** Until no execution since `since` is unfinished and the rewards stopped changing for 10 s, or they have not changed for 60 s. */
async function settle(stack: Stack, since: number, rewardCount: () => number): Promise<void> {
	let last = -1;
	let stableSince = Date.now();
	await until(
		async () => {
			const unfinished = await stack.infra.postgres
				.query(
					'n8n',
					`SELECT COUNT(*) FROM execution_entity WHERE status IN ('new', 'running', 'waiting') AND "createdAt" >= to_timestamp(${since / 1000})`,
				)
				.then((count) => Number(count.trim()))
				.catch(() => 1);
			const rewards = rewardCount();
			if (rewards !== last) [last, stableSince] = [rewards, Date.now()];
			const stableFor = Date.now() - stableSince;
			// An execution whose worker died, or whose last save met a database restart, stays unfinished in
			// n8n's table until n8n's queue recovery (every 3 hours) marks it crashed: waited for 60 s, not more.
			return (unfinished === 0 && stableFor >= 10_000) || stableFor >= 60_000;
		},
		{ timeoutMs: 300_000, everyMs: 1000 },
	);
}

export async function runScenario(
	stack: Stack,
	recipes: readonly ListRecipe[],
	fault: Fault,
): Promise<ScenarioRun> {
	const votes = votesOf(recipes);
	const sendingMs = (votes.length / FAULTS.rate) * 1000;
	say(
		`scenario ${fault.number} (${fault.name}): ${votes.length} votes over ${round(sendingMs / 1000, 0)} s, the fault ${round(sendingMs / 4000, 0)} s in`,
	);
	const startedAt = Date.now();
	const injected = sleepUntil(startedAt + sendingMs / 4).then(() => fault.inject(stack));
	const sent = await Promise.all(
		votes.map((vote, index) =>
			sleepUntil(startedAt + (index * 1000) / FAULTS.rate).then(() =>
				deliver(vote, stack.balancer),
			),
		),
	);
	const window = await injected;
	await settle(stack, startedAt, () => stack.infra.recorder.received.length);
	return { fault, window, startedAt, sent, settledAt: Date.now() };
}
