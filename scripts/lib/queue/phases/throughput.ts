/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
/** The throughput phases: a warm-up, the load on one webhook process, then on both. */
import { performance } from 'node:perf_hooks';
import { LISTS } from '../../../../test/registry';
import * as local from '../../n8n-local';
import { percentiles } from '../../stats';
import { round, say, until } from '../common';
import { CONFIG } from '../config';
import { cpuBetween, cpuSnapshot } from '../cpu';
import { send, type Delivery } from '../deliveries';
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

/** Sends capture deliveries through `targets` (round robin), then waits until every valid one arrived. */
async function capturePhase(
	ledger: Ledger,
	label: string,
	validCount: number,
	targets: readonly N8nProcess[],
) {
	const requests = captureRequests(ledger, validCount);
	const before = cpuSnapshot();
	const t0 = performance.now();
	let done = 0;
	const progress = setInterval(() => {
		ledger.ingest();
		const arrived = requests.filter(
			(request) => !request.forged && ledger.captureArrivals.has(request.key),
		).length;
		say(
			`  ${label}: ${done}/${requests.length} answered, ${arrived}/${validCount} arrived downstream`,
		);
	}, 10_000);
	const answers = await local.pool(requests, CONFIG.concurrency, async (request, index) => {
		const answer = await send(
			targets[index % targets.length],
			ledger.capture(request.kit).path,
			request,
		);
		done++;
		return answer;
	});
	const answeredAt = performance.now();
	requests.forEach((request, index) => {
		(request.forged ? ledger.forged : ledger.valid).set(request.key, {
			kit: request.kit,
			answers: [answers[index]],
		});
		if (!request.forged) ledger.expectedRuns[ledger.capture(request.kit).id]++;
	});
	// Wait for what n8n accepted; a valid delivery it refused cannot arrive and fails the checks below.
	const validKeys = requests
		.filter((request, index) => !request.forged && answers[index].status === 200)
		.map((request) => request.key);
	const arrived = await until(
		() => (ledger.ingest(), validKeys.every((key) => ledger.captureArrivals.has(key))),
		{ timeoutMs: 300_000, everyMs: 100 },
	);
	clearInterval(progress);
	const lastArrival = ledger.recorder.received
		.filter(ledger.isCapture)
		.reduce((last, request) => Math.max(last, request.at), 0);
	await until(async () => unfinished(await ledger.executions()) === 0, {
		timeoutMs: 120_000,
		everyMs: 500,
	});
	const cpu = cpuBetween(before, cpuSnapshot());
	const wallSeconds = (performance.now() - t0) / 1000;
	const seconds = (answeredAt - t0) / 1000;
	const [p50, p95] = percentiles(
		answers.filter((_, index) => !requests[index].forged).map((answer) => answer.ms),
		[0.5, 0.95],
	);
	const statuses: Record<string, number> = {};
	for (const answer of answers) statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
	const phase: PhaseFigures = {
		label,
		webhookProcesses: targets.length,
		valid: validCount,
		forged: requests.length - validCount,
		seconds: round(seconds, 1),
		requestsPerSecond: round(requests.length / seconds),
		validPerSecond: round(validCount / seconds),
		downstreamPerSecond: arrived ? round(validCount / ((lastArrival - t0) / 1000)) : null,
		p50: round(p50, 0),
		p95: round(p95, 0),
		wallSeconds,
		statuses,
		perTarget: Object.fromEntries(
			targets.map((target) => [
				target.role.name,
				answers.filter((answer) => answer.target === target.role.name).length,
			]),
		),
		cpu,
	};
	if (!label.startsWith('warm-up')) figures.phases.push(phase);
	say(
		`${label}: ${requests.length} requests (${validCount} valid, ${phase.forged} forged) over ${targets.map((target) => target.role.name).join(' + ')} in ${phase.seconds} s: ` +
			`${phase.requestsPerSecond} req/s answered (${phase.validPerSecond} valid/s), ${phase.downstreamPerSecond ?? '-'} valid/s downstream, latency p50 ${phase.p50} ms p95 ${phase.p95} ms`,
	);
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
