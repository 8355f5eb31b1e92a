/** What a scenario did to the votes: counted from the senders, n8n's database and the rewards the recorder received. */
import { LISTS } from '../../../test/registry';
import type { ListKit } from '../../../test/shared/kit';
import { round, say, sum } from '../queue/common';
import { check } from '../queue/results';
import type { ScenarioRun } from './run';
import type { Sent } from './sender';
import { newTellingLines } from './logs';
import type { Stack } from './stack';

export interface Tally {
	scenario: number;
	name: string;
	sent: number;
	attempts: number;
	answers: Record<string, number>;
	executions: Record<string, number>;
	rewards: number;
	once: number;
	lost: Sent[];
	doubled: Sent[];
	/** Lost votes whose list got a 2xx: lost inside n8n or the recipe, not by the list giving up. */
	lostAfter2xx: number;
	/** Executions of the scenario that did not end in success (n8n lost them: a killed worker, a database gone). */
	unsuccessful: number;
	/** Lost votes the list gave up on although its policy retries the failure it met: an outage past its horizon. */
	outlived: Sent[];
	recoverySeconds: number;
	/** How long, in all, the balancer had no webhook process ready: the outage as the lists saw it. */
	unservedSeconds: number;
	note?: string;
	/** n8n's log lines about the fault (`logs.ts`), by what they say. */
	n8nSaid: Record<string, number>;
}

/** Whether the list gave up on the vote at a failure its policy never retries (discord.place's timeout, Omniplex's any). */
function unretried(sent: Sent): boolean {
	const last = sent.attempts.at(-1)!;
	const { waitsMs, retriesTimeouts } = sent.vote.kit.retries;
	return waitsMs.length === 0 || (last.failure === 'timeout' && !retriesTimeouts);
}

const answerLabel = (attempt: Sent['attempts'][number]) =>
	attempt.failure ?? String(attempt.status);

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
	return counts;
}

async function executionsSince(stack: Stack, since: number): Promise<Record<string, number>> {
	const rows = await stack.infra.postgres.query(
		'n8n',
		`SELECT status, COUNT(*) FROM execution_entity WHERE "workflowId" LIKE 'bltFault%' AND "createdAt" >= to_timestamp(${since / 1000}) GROUP BY 1`,
	);
	return Object.fromEntries(
		rows
			.split('\n')
			.filter(Boolean)
			.map((line) => line.split('\t'))
			.map(([status, count]) => [status, Number(count)]),
	);
}

/** The time within the scenario when the balancer had no webhook process ready, in seconds. */
function unservedSeconds(stack: Stack, run: ScenarioRun): number {
	const within = stack.balancer.outages.map(({ from, to = run.settledAt }) =>
		Math.max(0, Math.min(to, run.settledAt) - Math.max(from, run.startedAt)),
	);
	return round(sum(within) / 1000, 1);
}

export async function tally(stack: Stack, run: ScenarioRun): Promise<Tally> {
	const rewardsByVoter = new Map<string, number>();
	const rewards = stack.infra.recorder.received.filter(
		(request) => request.path.startsWith('/rewards/') && request.wallAt >= run.startedAt,
	);
	for (const reward of rewards) {
		const voter = String(reward.json?.userId);
		rewardsByVoter.set(voter, (rewardsByVoter.get(voter) ?? 0) + 1);
	}
	const times = (sent: Sent) => rewardsByVoter.get(sent.vote.voter) ?? 0;
	const lost = run.sent.filter((sent) => times(sent) === 0);
	const attempts = run.sent.flatMap((sent) => sent.attempts);
	const executions = await executionsSince(stack, run.startedAt);
	return {
		scenario: run.fault.number,
		name: run.fault.name,
		sent: run.sent.length,
		attempts: attempts.length,
		answers: countBy(attempts, answerLabel),
		executions,
		rewards: rewards.length,
		once: run.sent.filter((sent) => times(sent) === 1).length,
		lost,
		doubled: run.sent.filter((sent) => times(sent) > 1),
		lostAfter2xx: lost.filter((sent) => sent.delivered).length,
		unsuccessful: sum(
			Object.entries(executions)
				.filter(([status]) => status !== 'success')
				.map(([, count]) => count),
		),
		outlived: lost.filter((sent) => !sent.delivered && !unretried(sent)),
		recoverySeconds: round((run.window.upAt - run.window.downAt) / 1000, 1),
		unservedSeconds: unservedSeconds(stack, run),
		note: run.window.note,
		n8nSaid: newTellingLines(),
	};
}

const byList = (sents: readonly Sent[]) =>
	LISTS.map((kit: ListKit) => [kit.platform.name, sents.filter((s) => s.vote.kit === kit).length])
		.filter(([, count]) => count)
		.map(([name, count]) => `${name} ${count}`)
		.join(', ') || 'none';

export function printTally(result: Tally): void {
	say(
		`scenario ${result.scenario} (${result.name}): ${result.attempts} attempts for ${result.sent} votes, answers ${JSON.stringify(result.answers)}; executions ${JSON.stringify(result.executions)}; ${result.rewards} rewards; recovered in ${result.recoverySeconds} s, no webhook process ready for ${result.unservedSeconds} s${result.note ? ` (${result.note})` : ''}`,
	);
	say(`  lost by list: ${byList(result.lost)} (${result.lostAfter2xx} of them answered 2xx)`);
	say(`  doubled by list: ${byList(result.doubled)}`);
	say(`  n8n's logs: ${JSON.stringify(result.n8nSaid)}`);
}

/**
 * Scenarios the lists' retries cover: nothing doubled, and every lost vote is one the pack cannot keep, each cause
 * counted: an execution n8n did not finish after answering 200, or a list that never retries what its vote met.
 */
export function checkSurvived(result: Tally): void {
	check(
		`scenario ${result.scenario} (${result.name}): 0 doubled rewards`,
		result.doubled.length === 0,
		`${result.once}/${result.sent} rewarded once, ${result.doubled.length} doubled`,
	);
	const unretriedLost = result.lost.length - result.lostAfter2xx - result.outlived.length;
	check(
		`scenario ${result.scenario} (${result.name}): every lost vote is one n8n lost after answering 200, or one its list never retries`,
		result.outlived.length === 0 && result.lostAfter2xx <= result.unsuccessful,
		`${result.lost.length} lost: ${result.lostAfter2xx} answered 200 (${result.unsuccessful} executions did not succeed), ${unretriedLost} given up by a list that does not retry that failure, ${result.outlived.length} given up after every retry`,
	);
}

export const summaryLine = (result: Tally) =>
	`scenario ${result.scenario}: ${result.sent} sent, ${result.once} rewarded once, ${result.lost.length} lost, ${result.doubled.length} doubled`;

/** When each retry of `sent` would begin if every failed attempt were answered at once (the balancer's 502). */
function retriesOf(sent: Sent): number[] {
	let at = sent.attempts[0].endedAt;
	return sent.vote.kit.retries.waitsMs.map((wait) => (at += wait));
}

/**
 * The votes the lists' retry horizons say are lost in an outage from `from` to `to`: the first attempt failed
 * in it (ended after it began, began before it ended) and every retry of the list's schedule falls inside it.
 */
export function predictedLost(
	run: ScenarioRun,
	{ from, to }: { from: number; to: number },
): Sent[] {
	return run.sent.filter((sent) => {
		const [first] = sent.attempts;
		return (
			first.endedAt >= from && first.at < to && retriesOf(sent).every((at) => at >= from && at < to)
		);
	});
}

/** How long after the outage's end n8n counts as warming up. */
const WARM_UP_MS = 30_000;

/** A vote's list and attempts, each as seconds after `from` and its answer: for a vote the checks cannot explain. */
const describeVote = (sent: Sent, from: number) =>
	`${sent.vote.kit.platform.name} ${sent.vote.voter}: ${sent.attempts.map((attempt) => `${round((attempt.at - from) / 1000, 1)} s ${answerLabel(attempt)}`).join(', ')}`;

/** How far from the outage's end a retry may fall and still go either way: the balancer's probe interval and timer slack. */
const BOUNDARY_MS = 1000;

/**
 * Scenario 5: the votes lost are those the lists' retry horizons predict. A vote may differ from the prediction
 * only when its last retry fell within BOUNDARY_MS of the outage's end, when its list gave up at a failure it
 * never retries, or when its last retry timed out in the WARM_UP_MS after the outage's end.
 */
export function checkPredicted(
	result: Tally,
	predicted: readonly Sent[],
	outage: { from: number; to: number },
): void {
	const lost = new Set(result.lost);
	const expected = new Set(predicted);
	const nearEnd = (sent: Sent) =>
		Math.abs((retriesOf(sent).at(-1) ?? sent.attempts[0].at) - outage.to) <= BOUNDARY_MS;
	// Right after the restart n8n answers slowly while it warms up: a last retry that times out then is lost too.
	const warmingUp = (sent: Sent) => {
		const last = sent.attempts.at(-1)!;
		return last.failure === 'timeout' && last.at >= outage.to && last.at < outage.to + WARM_UP_MS;
	};
	const unpredicted = result.lost.filter((sent) => !expected.has(sent));
	const spared = predicted.filter((sent) => !lost.has(sent));
	const unexplained = [
		...unpredicted.filter((sent) => !unretried(sent) && !nearEnd(sent) && !warmingUp(sent)),
		...spared.filter((sent) => !nearEnd(sent)),
	];
	for (const sent of unexplained.slice(0, 5))
		say(`  unexplained: ${describeVote(sent, outage.from)}`);
	check(
		`scenario ${result.scenario} (${result.name}): the votes lost are those the retry horizons predict, none doubled`,
		unexplained.length === 0 && result.doubled.length === 0,
		`${result.lost.length} lost, ${predicted.length} predicted (${Math.round((outage.to - outage.from) / 1000)} s without a ready webhook process); ${unpredicted.length} lost unpredicted (${unpredicted.filter(unretried).length} at a failure their list never retries, ${unpredicted.filter(warmingUp).length} at a timeout while n8n warmed up), ${spared.length} predicted but delivered, each within ${BOUNDARY_MS} ms of the outage's end: ${unexplained.length} unexplained; ${result.doubled.length} doubled; lost by list ${byList(result.lost)}`,
	);
}

/** Each list's retry horizon when every attempt fails at once: how long an outage its votes survive. */
export const horizons = () =>
	LISTS.map((kit) => `${kit.platform.name} ${round(sum(kit.retries.waitsMs) / 1000, 0)} s`).join(
		', ',
	);
