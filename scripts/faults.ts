/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
/*
 * `npm run test:faults`: the pack in n8n queue mode under faults, every vote counted (docs/scaling.md, "Faults").
 *
 *   node -r ./scripts/lib/require-ts.js scripts/faults.ts
 *
 * The stack of `npm run test:queue` (PostgreSQL, Redis with its append-only file, n8n main, two `n8n webhook`
 * processes behind a health-checking balancer, two `n8n worker`s), with the PostgreSQL "reward once" recipe of
 * README.md published once per list. Senders behave like the lists (`kit.retries`: each list's documented retry
 * count, backoff and timeout, top.gg v1's where a list documents none). While votes of every list flow at a
 * steady rate, one fault per scenario, a quarter of the way in:
 *   1. kill -9 of one webhook process, restarted 2 s later;
 *   2. kill -9 of a worker in the middle of executions, restarted 2 s later;
 *   3. Redis, then PostgreSQL, each stopped for BOTLISTS_FAULTS_SERVICE_DOWN_SECONDS (3);
 *   4. a restart of the main n8n process;
 *   5. the whole stack down for BOTLISTS_FAULTS_STACK_DOWN_SECONDS (60), longer than most lists' retry horizon.
 * For each it counts votes sent, attempts, answers by status, executions and rewards, and prints
 * `N sent, N rewarded once, N lost, N doubled`. Scenarios 1-4 pass with nothing doubled and no loss the pack
 * could prevent (a loss is n8n's after it answered 200, or a list's that never retries what it met); scenario 5
 * passes when the votes lost are those the lists' retry horizons predict. Exits 1 when a check fails; stops
 * every process it started and removes its run folder (BOTLISTS_QUEUE_KEEP=1 keeps it).
 *
 * Knobs: BOTLISTS_FAULTS_VOTES (1000 per scenario), BOTLISTS_FAULTS_RATE (5 first attempts per second),
 * BOTLISTS_FAULTS_SCENARIOS (1,2,3,4,5), BOTLISTS_FAULTS_DEADLINE_MINUTES (45).
 */
import * as local from './lib/n8n-local';
import { elapsed, round, say, startClock } from './lib/queue/common';
import { N8N_VERSION } from './lib/queue/config';
import { startN8nProcesses, waitUntilReady } from './lib/queue/n8n';
import { checks } from './lib/queue/results';
import { finish, inRunDir, installExitHandlers, runToEnd } from './lib/queue/services';
import {
	installPack,
	installPrerequisites,
	postgresCredential,
	sharedEnvironment,
	startServices,
} from './lib/queue/setup';
import { exampleCredentials } from './lib/demo';
import { FAULTS, N8N_FAULT_SETTINGS } from './lib/faults/config';
import { runScenario, type ScenarioRun } from './lib/faults/run';
import { FAULT_SCENARIOS } from './lib/faults/scenarios';
import { Stack } from './lib/faults/stack';
import {
	checkPredicted,
	checkSurvived,
	horizons,
	predictedLost,
	printTally,
	summaryLine,
	tally,
	type Tally,
} from './lib/faults/tally';
import { listRecipes } from './lib/faults/workflows';

startClock();
installExitHandlers();
const results: Tally[] = [];

async function startStack(): Promise<Stack> {
	const { runtime, tarball } = await installPrerequisites();
	const infra = await startServices({ appendOnly: true, answerDelayMs: FAULTS.rewardAnswerMs });
	const shared = { ...sharedEnvironment(infra), ...N8N_FAULT_SETTINGS };
	const recipes = listRecipes(infra.recorder.url);
	await local.prepareInstance({
		runtime,
		tarball,
		userFolder: inRunDir('main'),
		credentials: [
			...exampleCredentials({ discordWebhookUrl: `${infra.recorder.url}/discord` }),
			postgresCredential(infra.postgres),
		],
		workflows: recipes.map((recipe) => recipe.workflow),
		env: shared,
		log: say,
	});
	await installPack(runtime, tarball);
	const instances = await startN8nProcesses(runtime, shared);
	const paths = recipes.map((recipe) => recipe.path);
	await waitUntilReady(instances, paths);
	say(`ready after ${round(elapsed(), 0)} s; retry horizons: ${horizons()}`);
	return new Stack(runtime, shared, infra, instances, paths);
}

/** From the fault's start until the balancer found a webhook process ready again. */
function outageOf(run: ScenarioRun, stack: Stack, outagesBefore: number) {
	const ends = stack.balancer.outages.slice(outagesBefore).map((outage) => outage.to ?? Infinity);
	return { from: run.window.downAt, to: Math.max(run.window.downAt, ...ends) };
}

async function main(): Promise<void> {
	const deadline = setTimeout(
		() => void finish(1, `FAILED: the run took longer than ${FAULTS.deadlineMinutes} minutes`),
		FAULTS.deadlineMinutes * 60_000,
	);
	say(`n8n ${N8N_VERSION} in queue mode under faults: scenarios ${FAULTS.scenarios.join(', ')}`);
	const stack = await startStack();
	const recipes = listRecipes(stack.infra.recorder.url);
	stack.balancer.start();
	for (const fault of FAULT_SCENARIOS.filter((entry) => FAULTS.scenarios.includes(entry.number))) {
		const outagesBefore = stack.balancer.outages.length;
		const run = await runScenario(stack, recipes, fault);
		const result = await tally(stack, run);
		results.push(result);
		printTally(result);
		if (fault.survivable) checkSurvived(result);
		else {
			const outage = outageOf(run, stack, outagesBefore);
			checkPredicted(result, predictedLost(run, outage), outage);
		}
	}
	stack.balancer.stop();
	clearTimeout(deadline);
}

function printSummary(): number {
	console.log('\n[faults] summary');
	for (const result of results) console.log(summaryLine(result));
	return checks.filter((entry) => !entry.ok).length;
}

runToEnd(main, printSummary);
