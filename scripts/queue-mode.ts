/* eslint-disable @n8n/community-nodes/no-restricted-globals -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
/*
 * `npm run test:queue`: the pack in n8n queue mode, end to end, on this machine (docs/scaling.md).
 *
 *   node -r ./scripts/lib/require-ts.js scripts/queue-mode.ts
 *
 * Installs PostgreSQL and Redis from Debian's packages if they are missing and runs its own of each on
 * loopback, in a folder of its own; installs the packed node into every n8n process's user folder the way
 * n8n installs community packages; starts n8n main, two `n8n webhook` processes and two `n8n worker`s with
 * one encryption key; imports and publishes a capture workflow per list of test/registry.ts plus the two
 * "never reward twice" recipes of examples/ (found by the Remove Duplicates and the Postgres node they hold),
 * then drives it over HTTP:
 *   - valid deliveries of every list (`kit.voteBy`, signed by `kit.sign`), first to one webhook process, then
 *     spread over both (throughput), mixed with forged ones (the same headers, every value wrong);
 *   - sequential redeliveries (`kit.redelivery`), each copy sent to the OTHER webhook process, into the
 *     Remove Duplicates recipe;
 *   - copies of the same votes sent at the same time to both webhook processes, into the PostgreSQL recipe.
 * Asserts that every valid delivery was answered 200 and arrived downstream exactly once, every forged one
 * got 401 and started nothing, no execution ended in error, both recipes rewarded each vote once, and that
 * docs/docker-compose.yml runs the same commands with the same environment. Exits 1 when a check fails.
 * Stops every process it started, also on failure, Ctrl-C and the deadline.
 *
 * This file is the scenario in order; each part is a module of scripts/lib/queue/ (config, services and the
 * run folder, Debian packages, PostgreSQL, Redis, workflows, deliveries, the ledger, CPU sampling, the compose
 * check, n8n processes, each phase, the final checks, the summary).
 *
 * Knobs (environment, BOTLISTS_QUEUE_*: n8n reads QUEUE_* itself): BOTLISTS_QUEUE_DELIVERIES (5000 valid
 * deliveries over both webhook processes), BOTLISTS_QUEUE_SINGLE_DELIVERIES (1000, one webhook process),
 * BOTLISTS_QUEUE_CONCURRENCY (32 requests in flight), BOTLISTS_QUEUE_DEDUP_VOTES (40),
 * BOTLISTS_QUEUE_POSTGRES_VOTES (200), BOTLISTS_QUEUE_DEADLINE_MINUTES (60), BOTLISTS_QUEUE_KEEP=1 keeps the
 * run folder (logs, databases) even when everything passed.
 */
import { elapsed, round, say, startClock } from './lib/queue/common';
import { checkCompose } from './lib/queue/compose';
import { CONFIG, N8N_VERSION } from './lib/queue/config';
import { Ledger } from './lib/queue/ledger';
import { composedProcesses, startN8nProcesses, waitUntilReady } from './lib/queue/n8n';
import { postgresPhase } from './lib/queue/phases/postgres';
import { redeliveryPhase } from './lib/queue/phases/redelivery';
import { throughputPhase } from './lib/queue/phases/throughput';
import { figures } from './lib/queue/results';
import { finish, installExitHandlers, runToEnd } from './lib/queue/services';
import {
	importWorkflows,
	installPack,
	installPrerequisites,
	sharedEnvironment,
	startServices,
} from './lib/queue/setup';
import { printSummary } from './lib/queue/summary';
import {
	checkExecutions,
	checkForgedDeliveries,
	checkStillRunning,
	checkValidDeliveries,
} from './lib/queue/verdict';

startClock();
installExitHandlers();

async function main(): Promise<void> {
	const deadline = setTimeout(() => {
		printSummary();
		void finish(1, `FAILED: the scenario took longer than ${CONFIG.deadlineMinutes} minutes`);
	}, CONFIG.deadlineMinutes * 60_000);
	say(
		`n8n ${N8N_VERSION} in queue mode: main, 2 webhook processes, 2 workers (--concurrency=${CONFIG.workerConcurrency}), PostgreSQL, Redis`,
	);

	const { runtime, tarball } = await installPrerequisites();
	const infra = await startServices();
	const shared = sharedEnvironment(infra);
	const imported = await importWorkflows(runtime, tarball, infra, shared);
	await installPack(runtime, tarball);
	const instances = await startN8nProcesses(runtime, shared);
	const webhookPaths = [
		...imported.captures.map((capture) => capture.path),
		imported.dedup.path,
		imported.postgres.path,
	];
	const webhooks = await waitUntilReady(instances, webhookPaths);
	figures.readySeconds = round(elapsed(), 0);
	checkCompose(runtime, composedProcesses(instances));

	const ledger = new Ledger(infra.recorder, infra.postgres, imported.captures, [
		imported.dedup,
		imported.postgres,
	]);
	await throughputPhase(ledger, webhooks);
	await redeliveryPhase(ledger, imported.dedup, webhooks);
	await postgresPhase(ledger, imported.postgres, webhooks, infra.postgres);
	checkValidDeliveries(ledger);
	checkForgedDeliveries(ledger);
	await checkExecutions(ledger);
	checkStillRunning(instances);
	clearTimeout(deadline);
}

runToEnd(main, printSummary);
