/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals or console) do not apply */
/*
 * Benchmark 4: the action nodes inside a real n8n 2.41, side by side with n8n's HTTP Request node making the same
 * call with the same credential. For every list with an API (test/registry.ts), for each Bot > Post Stats and
 * Vote > Get case of its kit, two published workflows (lib/api-targets.ts): Webhook -> action node, and Webhook
 * -> HTTP Request, both answering with the last node's items, the credential's base URL at the list's stand-in
 * (test/helpers/standIn.ts) in this process. Rounds alternate the targets; per execution, n8n's own record
 * (stoppedAt - startedAt in its database) and the HTTP round trip of the webhook call.
 *   node -r ./scripts/lib/require-ts.js bench/actions.ts
 *
 * Settings (environment): BENCH_API_CALLS (100 calls per target and round), BENCH_API_CONCURRENCY (1),
 * BENCH_API_ROUNDS (5), BENCH_KEEP=1 (keep n8n's folder).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
	closeConnections,
	ensureRuntime,
	freePort,
	packProject,
	pool,
	post,
	prepareInstance,
	sleep,
	startN8n,
	waitForWebhooks,
	type N8nInstance,
} from '../scripts/lib/n8n-local';
import { openDatabase, type Database } from '../scripts/lib/sqlite';
import { median, percentiles, spread } from '../scripts/lib/stats';
import { startStandIn, type Answer, type StandIn } from '../test/helpers/standIn';
import {
	apiBenchCases,
	apiCredentials,
	apiPairs,
	type ApiBenchCase,
	type ApiPair,
	type ApiTarget,
} from './lib/api-targets';
import { executionDurations, lastExecutionId } from './lib/execution-durations';
import { countSetting, settingIs } from './lib/settings';

const N8N_VERSION = '2.41.0';
const CALLS = countSetting('BENCH_API_CALLS', 100);
const CONCURRENCY = countSetting('BENCH_API_CONCURRENCY', 1);
const ROUNDS = countSetting('BENCH_API_ROUNDS', 5);
const KEEP = settingIs('BENCH_KEEP', '1');
/** Calls per target before the rounds: n8n compiles and caches on first use. */
const WARM_UP_CALLS = 10;
/** How long a run's executions may take to be recorded after the last answer. */
const EXECUTIONS_DEADLINE_MS = 60_000;
const log = (line: string) => process.stderr.write(`${line}\n`);

/** A list's stand-in and the statuses it answered since the last reset. */
interface CountingStandIn {
	standIn: StandIn;
	statuses: Map<number, number>;
}

/** The stand-in of every list benchmarked, counting its answers' statuses. */
async function startStandIns(
	cases: readonly ApiBenchCase[],
): Promise<Map<string, CountingStandIn>> {
	const byList = new Map<string, CountingStandIn>();
	for (const { kit, api } of cases) {
		if (byList.has(kit.platform.name)) continue;
		const statuses = new Map<number, number>();
		const routes = (request: Parameters<typeof api.routes>[0]): Answer => {
			const answer = api.routes(request);
			statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
			return answer;
		};
		byList.set(kit.platform.name, { standIn: await startStandIn(routes, api.basePath), statuses });
	}
	return byList;
}

/** One run of one target: n8n's execution times and the webhook round trips, ms. */
interface RunResult {
	executions: number[];
	roundTrips: number[];
}

/**
 * The stand-in must have answered every call of the run as the case documents it: a 2xx, or the 404 that means
 * "no active vote" where the list answers so. The HTTP Request node never errors on a status, so this is what
 * proves it sent the token and the body the list accepts.
 */
function checkStandInAnswers(target: ApiTarget, counting: CountingStandIn): void {
	const { entry, label } = target.benchCase;
	const answered = [...counting.statuses].reduce((sum, [, count]) => sum + count, 0);
	const wrong = [...counting.statuses].filter(
		([status]) => !(status < 300 || (status === 404 && entry.notFoundIsAnAnswer === true)),
	);
	if (answered === 0 || wrong.length > 0)
		throw new Error(
			`${label} (${target.kind}): the stand-in answered ${JSON.stringify([...counting.statuses])}`,
		);
}

/** `calls` webhook calls at CONCURRENCY, then n8n's records of their executions, every one a success. */
async function runOnce(
	instance: N8nInstance,
	db: Database,
	standIns: ReadonlyMap<string, CountingStandIn>,
	target: ApiTarget,
	calls: number,
): Promise<RunResult> {
	const counting = standIns.get(target.benchCase.kit.platform.name);
	if (counting === undefined) throw new Error(`${target.benchCase.label}: no stand-in`);
	counting.statuses.clear();
	const afterId = await lastExecutionId(db);
	const url = `${instance.baseUrl}/webhook/${target.path}`;
	const roundTrips: number[] = [];
	const answers: Record<number, number> = {};
	await pool(Array.from({ length: calls }), CONCURRENCY, async () => {
		const t0 = process.hrtime.bigint();
		const answer = await post(url, { body: '{}' });
		roundTrips.push(Number(process.hrtime.bigint() - t0) / 1e6);
		answers[answer.status] = (answers[answer.status] ?? 0) + 1;
	});
	if (answers[200] !== calls)
		throw new Error(
			`${target.benchCase.label} (${target.kind}): answers ${JSON.stringify(answers)}, expected ${calls} x 200`,
		);
	checkStandInAnswers(target, counting);
	const deadline = Date.now() + EXECUTIONS_DEADLINE_MS;
	for (;;) {
		const { durations, byStatus } = await executionDurations(db, target.workflow.id, afterId);
		if (durations.length >= calls) {
			if (byStatus.success !== calls)
				throw new Error(
					`${target.benchCase.label} (${target.kind}): executions ${JSON.stringify(byStatus)}, expected ${calls} x success`,
				);
			return { executions: durations, roundTrips };
		}
		if (Date.now() > deadline)
			throw new Error(`${target.benchCase.label} (${target.kind}): executions not recorded`);
		await sleep(100);
	}
}

/** Per target, its runs in round order. */
type Results = Map<ApiTarget, RunResult[]>;

/**
 * ROUNDS rounds over every case, the cases' order rotated each round; a case's two targets run back to back,
 * the action node first in even rounds and the HTTP Request node first in odd ones, so that drift and position
 * hit both alike and a round's ratio compares runs minutes apart at most.
 */
async function rounds(
	instance: N8nInstance,
	db: Database,
	standIns: ReadonlyMap<string, CountingStandIn>,
	pairs: readonly ApiPair[],
): Promise<Results> {
	const results: Results = new Map(
		pairs.flatMap((pair) => [
			[pair.node, []],
			[pair.http, []],
		]),
	);
	for (let round = 0; round < ROUNDS; round++) {
		const order = pairs
			.map((_, i) => pairs[(i + round) % pairs.length])
			.flatMap((pair) => (round % 2 === 0 ? [pair.node, pair.http] : [pair.http, pair.node]));
		for (const target of order) {
			const result = await runOnce(instance, db, standIns, target, CALLS);
			results.get(target)?.push(result);
			log(
				`[bench] round ${round + 1}/${ROUNDS}, ${target.benchCase.label} (${target.kind}): execution median ${median(result.executions).toFixed(1)} ms`,
			);
		}
	}
	return results;
}

const p50p95 = (values: readonly number[]) =>
	percentiles(values, [0.5, 0.95])
		.map((value) => value.toFixed(1))
		.join(' / ');

/** Median of the per-round ratios of the medians, and their range: the alternation's own spread. */
function ratioCell(nodeRuns: readonly number[][], httpRuns: readonly number[][]): string {
	const ratios = nodeRuns.map((runs, round) => median(runs) / median(httpRuns[round]));
	const { median: middle, min, max } = spread(ratios);
	return `**${middle.toFixed(2)}x** [${min.toFixed(2)}-${max.toFixed(2)}]`;
}

function printTable(pairs: readonly ApiPair[], results: Results): void {
	const runs = (target: ApiTarget) => results.get(target) ?? [];
	const all = (target: ApiTarget, pick: (run: RunResult) => number[]) => runs(target).flatMap(pick);
	console.log(
		`\nReal n8n ${N8N_VERSION}, regular mode, SQLite, n8n's defaults: ${CALLS} webhook calls per target and round at concurrency ${CONCURRENCY}, ` +
			`${ROUNDS} rounds, cases in rotating order, a case's two targets back to back, first in turn; each call answered by the last node (the stand-in's answer). ` +
			"Execution = stoppedAt - startedAt in n8n's execution records; round trip = the webhook call as the caller sees it. " +
			'Ratio = action node / HTTP Request, median of the per-round ratios of medians [min-max].',
	);
	console.log(
		'| case | action node: execution p50 / p95 ms | HTTP Request: execution p50 / p95 ms | execution ratio | action node: round trip p50 / p95 ms | HTTP Request: round trip p50 / p95 ms | round-trip ratio |',
	);
	console.log('|---|---|---|---|---|---|---|');
	for (const { benchCase, node, http } of pairs) {
		const executions = (target: ApiTarget) => runs(target).map((run) => run.executions);
		const roundTrips = (target: ApiTarget) => runs(target).map((run) => run.roundTrips);
		console.log(
			`| ${benchCase.label} | ${p50p95(all(node, (run) => run.executions))} | ${p50p95(all(http, (run) => run.executions))} | ` +
				`${ratioCell(executions(node), executions(http))} | ${p50p95(all(node, (run) => run.roundTrips))} | ` +
				`${p50p95(all(http, (run) => run.roundTrips))} | ${ratioCell(roundTrips(node), roundTrips(http))} |`,
		);
	}
}

async function main(): Promise<void> {
	const cases = apiBenchCases();
	if (cases.length === 0) throw new Error('no list of test/registry.ts has an API kit');
	const runtime = await ensureRuntime({ n8nVersion: N8N_VERSION, log });
	const tarball = await packProject({ log });
	const standIns = await startStandIns(cases);
	const baseUrls = new Map([...standIns].map(([name, { standIn }]) => [name, standIn.baseUrl]));
	const pairs = apiPairs(cases, baseUrls);
	const targets = pairs.flatMap((pair) => [pair.node, pair.http]);
	const userFolder = mkdtempSync(join(tmpdir(), 'botlists-bench-api-'));
	try {
		await prepareInstance({
			runtime,
			tarball,
			userFolder,
			credentials: apiCredentials(cases, baseUrls),
			workflows: targets.map((target) => target.workflow),
			log,
		});
		const instance = startN8n({
			runtime,
			userFolder,
			port: await freePort(),
			logFile: join(userFolder, 'n8n.log'),
			env: { N8N_RUNNERS_BROKER_PORT: String(await freePort()) },
		});
		const db = openDatabase(runtime, userFolder);
		try {
			await waitForWebhooks(
				instance,
				targets.map((target) => target.path),
				{ log },
			);
			log(`[bench] n8n ${N8N_VERSION} is up; warming up ${targets.length} workflows`);
			for (const target of targets) await runOnce(instance, db, standIns, target, WARM_UP_CALLS);
			printTable(pairs, await rounds(instance, db, standIns, pairs));
		} finally {
			db.close();
			await instance.stop();
		}
	} finally {
		closeConnections();
		for (const { standIn } of standIns.values()) await standIn.close();
		rmSync(dirname(tarball), { recursive: true, force: true });
		if (KEEP) log(`[bench] kept n8n's folder ${userFolder}`);
		else rmSync(userFolder, { recursive: true, force: true });
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
