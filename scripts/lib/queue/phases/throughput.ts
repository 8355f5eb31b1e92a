/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
/** The throughput phases: a warm-up, the load on one webhook process, then on both. */
import { performance } from 'node:perf_hooks';
import { LISTS } from '../../../../test/registry';
import * as local from '../../n8n-local';
import { percentiles } from '../../stats';
import { round, say, until } from '../common';
import { CONFIG } from '../config';
import { cpuBetween, cpuSnapshot } from '../cpu';
import { send, type Answer, type Delivery } from '../deliveries';
import { unfinished, type Ledger } from '../ledger';
import type { N8nProcess } from '../n8n';
import { check, figures, type PhaseFigures } from '../results';

/** `validCount` valid capture deliveries, a list at a time in turn, with a forged one after every `forgedEvery`. */
function captureRequests(ledger: Ledger, validCount: number): Delivery[] {
	const requests: Delivery[] = [];
	for (let index = 0; index < validCount; index++) {
		requests.push(ledger.nextVote(LISTS[index % LISTS.length]));
		if (CONFIG.forgedEvery && index % CONFIG.forgedEvery === CONFIG.forgedEvery - 1)
			requests.push(ledger.nextForged());
	}
	return requests;
}

/** Progress every 10 s while a phase runs, which can take minutes; the caller clears the interval. */
function reportProgress(
	ledger: Ledger,
	label: string,
	requests: readonly Delivery[],
	validCount: number,
	sent: { answered: number },
): NodeJS.Timeout {
	return setInterval(() => {
		ledger.ingest();
		const arrived = requests.filter(
			(request) => !request.forged && ledger.captureArrivals.has(request.key),
		).length;
		say(
			`  ${label}: ${sent.answered}/${requests.length} answered, ${arrived}/${validCount} arrived downstream`,
		);
	}, 10_000);
}

/** Sends every request, `CONFIG.concurrency` in flight, round robin over `targets`. */
function sendAll(
	ledger: Ledger,
	requests: readonly Delivery[],
	targets: readonly N8nProcess[],
	sent: { answered: number },
): Promise<Answer[]> {
	return local.pool(requests, CONFIG.concurrency, async (request, index) => {
		const answer = await send(
			targets[index % targets.length],
			ledger.capture(request.kit).path,
			request,
		);
		sent.answered++;
		return answer;
	});
}

/** Books each answer in the ledger, and a run of the capture workflow for each valid delivery. */
function recordAnswers(ledger: Ledger, requests: readonly Delivery[], answers: Answer[]): void {
	requests.forEach((request, index) => {
		(request.forged ? ledger.forged : ledger.valid).set(request.key, {
			kit: request.kit,
			answers: [answers[index]],
		});
		if (!request.forged) ledger.expectedRuns[ledger.capture(request.kit).id]++;
	});
}

/** Whether every valid delivery n8n accepted arrived downstream within 5 minutes. */
function waitForArrivals(
	ledger: Ledger,
	requests: readonly Delivery[],
	answers: Answer[],
): Promise<boolean> {
	// A valid delivery n8n refused cannot arrive; the phase's checks fail it, waiting for it would only time out.
	const validKeys = requests
		.filter((request, index) => !request.forged && answers[index].status === 200)
		.map((request) => request.key);
	return until(() => (ledger.ingest(), validKeys.every((key) => ledger.captureArrivals.has(key))), {
		timeoutMs: 300_000,
		everyMs: 100,
	});
}

function lastCaptureArrival(ledger: Ledger): number {
	return ledger.recorder.received
		.filter(ledger.isCapture)
		.reduce((last, request) => Math.max(last, request.at), 0);
}

/** performance.now() readings of one phase. */
interface PhaseTimes {
	start: number;
	answered: number;
	lastArrival: number;
	finished: number;
}

interface PhaseRun {
	label: string;
	validCount: number;
	targets: readonly N8nProcess[];
	requests: readonly Delivery[];
	answers: Answer[];
	arrived: boolean;
	times: PhaseTimes;
	cpu: PhaseFigures['cpu'];
}

function phaseFigures(run: PhaseRun): PhaseFigures {
	const { label, validCount, targets, requests, answers, arrived, times, cpu } = run;
	const seconds = (times.answered - times.start) / 1000;
	const [p50, p95] = percentiles(
		answers.filter((_, index) => !requests[index].forged).map((answer) => answer.ms),
		[0.5, 0.95],
	);
	const statuses: Record<string, number> = {};
	for (const answer of answers) statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
	return {
		label,
		webhookProcesses: targets.length,
		valid: validCount,
		forged: requests.length - validCount,
		seconds: round(seconds, 1),
		requestsPerSecond: round(requests.length / seconds),
		validPerSecond: round(validCount / seconds),
		downstreamPerSecond: arrived
			? round(validCount / ((times.lastArrival - times.start) / 1000))
			: null,
		p50: round(p50, 0),
		p95: round(p95, 0),
		wallSeconds: (times.finished - times.start) / 1000,
		statuses,
		perTarget: Object.fromEntries(
			targets.map((target) => [
				target.role.name,
				answers.filter((answer) => answer.target === target.role.name).length,
			]),
		),
		cpu,
	};
}

function sayPhase(
	phase: PhaseFigures,
	requests: readonly Delivery[],
	targets: readonly N8nProcess[],
) {
	say(
		`${phase.label}: ${requests.length} requests (${phase.valid} valid, ${phase.forged} forged) over ${targets.map((target) => target.role.name).join(' + ')} in ${phase.seconds} s: ` +
			`${phase.requestsPerSecond} req/s answered (${phase.validPerSecond} valid/s), ${phase.downstreamPerSecond ?? '-'} valid/s downstream, latency p50 ${phase.p50} ms p95 ${phase.p95} ms`,
	);
}

/** Sends capture deliveries through `targets` (round robin), then waits until every valid one arrived. */
async function capturePhase(
	ledger: Ledger,
	label: string,
	validCount: number,
	targets: readonly N8nProcess[],
) {
	const requests = captureRequests(ledger, validCount);
	const before = cpuSnapshot();
	const start = performance.now();
	const sent = { answered: 0 };
	const progress = reportProgress(ledger, label, requests, validCount, sent);
	const answers = await sendAll(ledger, requests, targets, sent);
	const answered = performance.now();
	recordAnswers(ledger, requests, answers);
	const arrived = await waitForArrivals(ledger, requests, answers);
	clearInterval(progress);
	const lastArrival = lastCaptureArrival(ledger);
	await until(async () => unfinished(await ledger.executions()) === 0, {
		timeoutMs: 120_000,
		everyMs: 500,
	});
	const cpu = cpuBetween(before, cpuSnapshot());
	const times = { start, answered, lastArrival, finished: performance.now() };
	const phase = phaseFigures({
		label,
		validCount,
		targets,
		requests,
		answers,
		arrived,
		times,
		cpu,
	});
	if (!label.startsWith('warm-up')) figures.phases.push(phase);
	sayPhase(phase, requests, targets);
	return { requests, answers, arrived };
}

/** A warm-up on both webhook processes, then the load on one of them, then on both. */
export async function throughputPhase(
	ledger: Ledger,
	webhooks: readonly N8nProcess[],
): Promise<void> {
	say(`warm-up: ${CONFIG.warmupPerList} valid deliveries per list to each webhook process`);
	const warm = await capturePhase(
		ledger,
		'warm-up',
		CONFIG.warmupPerList * LISTS.length * webhooks.length,
		webhooks,
	);
	const expected = (index: number) => (warm.requests[index].forged ? 401 : 200);
	const bad = warm.answers.find((answer, index) => answer.status !== expected(index));
	if (bad || !warm.arrived) {
		check(
			'warm-up: every delivery answered as expected and arrived downstream',
			false,
			bad
				? `${bad.target} answered ${bad.status} ${bad.text.slice(0, 300)}`
				: 'not everything arrived',
		);
		throw new Error('the warm-up failed; not sending the load');
	}
	say(
		`one webhook process: ${CONFIG.singleDeliveries} valid deliveries (+ forged) to ${webhooks[0].role.name}, ${CONFIG.concurrency} in flight`,
	);
	await capturePhase(ledger, 'one webhook process', CONFIG.singleDeliveries, [webhooks[0]]);
	say(
		`two webhook processes: ${CONFIG.deliveries} valid deliveries (+ forged) spread over ${webhooks.map((webhook) => webhook.role.name).join(' and ')}, ${CONFIG.concurrency} in flight`,
	);
	await capturePhase(ledger, 'two webhook processes', CONFIG.deliveries, webhooks);
}
