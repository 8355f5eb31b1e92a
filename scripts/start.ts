/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
/*
 * `npm start`: build the pack, install it into a local n8n 2.41.0 the way n8n installs community packages,
 * import the example workflows and publish those that run with the demo credentials alone, start n8n as
 * production runs it, and print each trigger's URLs and a signed sample delivery.
 *
 *   node -r ./scripts/lib/require-ts.js scripts/start.ts
 *
 * Settings (environment): BOTLISTS_N8N_VERSION (2.41.0), N8N_PORT (5678), N8N_LISTEN_ADDRESS (127.0.0.1),
 * BOTLISTS_STAND_IN_PORT (5690, the stand-in for Discord and the reward endpoint), N8N_RUNNERS_BROKER_PORT (a free
 * port), BOTLISTS_CACHE_DIR (~/.cache/n8n-nodes-botlists: where the n8n runtime and this instance are kept).
 */
import {
	createServer,
	get,
	type IncomingMessage,
	type Server,
	type ServerResponse,
} from 'node:http';
import { join } from 'node:path';
import {
	accountNeeded,
	curlLine,
	exampleCredentials,
	freshVote,
	loadExamples,
	remembersEvents,
	sampleDelivery,
	triggersOf,
	type ExampleWorkflow,
	type WorkflowTrigger,
} from './lib/demo';
import * as local from './lib/n8n-local';
import { parseJsonObject } from './lib/recorder';
import { cacheRoot, type Runtime } from './lib/runtime';
import { listNamed } from '../test/registry';

const N8N_VERSION = process.env.BOTLISTS_N8N_VERSION || '2.41.0';
const PORT = Number(process.env.N8N_PORT || 5678);
const STAND_IN_PORT = Number(process.env.BOTLISTS_STAND_IN_PORT || 5690);
const STAND_IN_URL = `http://127.0.0.1:${STAND_IN_PORT}`;
const say = (line: string) => console.log(line);
/** The examples the demo can run: those that need no account of the user's (Google Sheets, PostgreSQL). */
const runsWithDemoCredentials = (workflow: ExampleWorkflow) =>
	accountNeeded(workflow) === undefined;

/** One line for what a workflow sent: Discord's message text, or the reward request's JSON. */
function describeStandInRequest(path: string, body: string): string {
	const json = parseJsonObject(body);
	const toDiscord = path.startsWith('/discord');
	const shown = json === undefined ? body : toDiscord ? String(json.content) : JSON.stringify(json);
	return `${toDiscord ? '[discord] ' : '[reward]  '}${shown}`;
}

/** Answers as the real endpoint would: Discord's webhook API with 204, a reward endpoint with 200. */
function answerStandInRequest(request: IncomingMessage, response: ServerResponse): void {
	let body = '';
	request.setEncoding('utf8');
	request.on('data', (chunk: string) => (body += chunk));
	request.on('end', () => {
		const path = request.url ?? '/';
		say(describeStandInRequest(path, body));
		if (path.startsWith('/discord')) {
			response.writeHead(204, { 'content-type': 'application/json' });
			response.end();
		} else {
			response.writeHead(200, { 'content-type': 'application/json' });
			response.end('{"ok":true}');
		}
	});
}

/** Stands in for Discord and for your bot's reward endpoint, printing what the workflows send. */
function startStandIn(): Promise<Server> {
	const server = createServer(answerStandInRequest);
	return new Promise((resolve, reject) => {
		server.on('error', reject);
		server.listen(STAND_IN_PORT, '127.0.0.1', () => resolve(server));
	});
}

/** How the two URLs of a trigger differ, said once above the list. */
const URLS_EXPLAINED = [
	'Each trigger has two URLs:',
	"  Production URL: the published workflow takes the delivery; see the run under the workflow's Executions.",
	'  Test URL: only while the workflow is open in the editor and listening (click "Execute workflow"): the item',
	'  shows in the editor, once. Use it while you build; give a list the Production URL.',
].join('\n');

/** The two URL lines of a trigger; `named` when a workflow has several triggers. */
function urlLines(
	publicBase: string,
	{ trigger, path }: WorkflowTrigger,
	named: boolean,
): string[] {
	const prefix = named ? `${trigger.name}: ` : '';
	return [
		`  ${prefix}Production URL: ${publicBase}/webhook/${path}`,
		`  ${prefix}Test URL:       ${publicBase}/webhook-test/${path}`,
	];
}

/**
 * A curl line with a signed delivery for a trigger. A workflow that remembers events across restarts (Remove
 * Duplicates) gets a vote cast at `startedAt`, so that each start's sample is new to it.
 */
function sampleLines(
	url: string,
	{ platform }: WorkflowTrigger,
	remembers: boolean,
	startedAt: Date,
): string[] {
	const lifetime = listNamed(platform).signatureLifetimeSeconds;
	const validity =
		lifetime === undefined
			? ''
			: ` (signed now: valid for ${lifetime / 60} minutes, then restart npm start for a fresh one)`;
	if (!remembers)
		return [`  Send a signed sample${validity}:`, `  ${curlLine(url, sampleDelivery(platform))}`];
	return [
		`  Send a vote cast when this npm start began${validity}. Remove Duplicates remembers every eventId, across`,
		'  restarts too: the first send is rewarded, the same curl again is skipped (the run stops at "Skip redeliveries").',
		`  ${curlLine(url, freshVote(platform, startedAt))}`,
	];
}

/** What `npm start` prints about one example: its URLs, and a sample to send when it runs here. */
function exampleLines(publicBase: string, workflow: ExampleWorkflow, startedAt: Date): string[] {
	const triggers = triggersOf(workflow);
	const lines = [workflow.name];
	const account = accountNeeded(workflow);
	if (account) {
		// Its URLs answer nothing until it is published: the editor shows them once it is set up.
		lines.push(
			`  Imported, not published: it needs your ${account}. Open it in the editor, add them, then publish it.`,
		);
		return lines;
	}
	for (const trigger of triggers) {
		lines.push(...urlLines(publicBase, trigger, triggers.length > 1));
		lines.push(
			...sampleLines(
				`${publicBase}/webhook/${trigger.path}`,
				trigger,
				remembersEvents(workflow),
				startedAt,
			),
		);
	}
	return lines;
}

/** Every example's URLs and samples, after the one explanation of the two URLs. */
function printExamples(
	baseUrl: string,
	workflows: readonly ExampleWorkflow[],
	startedAt: Date,
): void {
	const publicBase = baseUrl.replace('127.0.0.1', 'localhost');
	say(`${URLS_EXPLAINED}\n`);
	for (const workflow of workflows)
		say(`${exampleLines(publicBase, workflow, startedAt).join('\n')}\n`);
}

/** Whether n8n still asks for its owner account (`showSetupOnFirstLoad` of its public settings); undefined if it does not say. */
function ownerMissing(baseUrl: string): Promise<boolean | undefined> {
	return new Promise((resolve) => {
		get(`${baseUrl}/rest/settings`, (response) => {
			let text = '';
			response.setEncoding('utf8');
			response.on('data', (chunk: string) => (text += chunk));
			response.on('end', () => {
				const data = parseJsonObject(text)?.data as
					| { userManagement?: { showSetupOnFirstLoad?: unknown } }
					| undefined;
				const missing = data?.userManagement?.showSetupOnFirstLoad;
				resolve(typeof missing === 'boolean' ? missing : undefined);
			});
		}).on('error', () => resolve(undefined));
	});
}

/** Where to log in: the owner account to create on first visit, or the one created before. */
async function loginHint(baseUrl: string): Promise<string> {
	const missing = await ownerMissing(baseUrl);
	if (missing === false)
		return 'Log in with the owner account you created (kept between starts while the examples stay the same).';
	return 'On first visit n8n asks you to create the owner account (kept between starts while the examples stay the same).';
}

/**
 * Why Settings -> Community nodes shows no package. That page lists what it installed itself from the npm registry
 * (n8n's installed_packages table); the demo installs this build into the nodes folder as a manual install does,
 * which n8n loads but does not list.
 */
const COMMUNITY_NODES_NOTE =
	'Settings -> Community nodes stays empty: it lists only packages installed from the npm registry on that page. This\n' +
	'build is installed into the nodes folder (.n8n/nodes) as a manual or Docker install is: n8n loads its nodes (search\n' +
	'"Top.gg" in the nodes panel) without listing the package there.';

/** n8n on PORT as production runs it, its task broker on a free port. */
async function startDemoN8n(runtime: Runtime, userFolder: string): Promise<local.N8nInstance> {
	return local.startN8n({
		runtime,
		userFolder,
		port: PORT,
		env: {
			N8N_LISTEN_ADDRESS: process.env.N8N_LISTEN_ADDRESS || '127.0.0.1',
			// As production runs n8n (its Docker image sets it): error answers carry no stack trace.
			NODE_ENV: 'production',
			// The task broker's default port, 5679, is the one a second instance would take as N8N_PORT.
			N8N_RUNNERS_BROKER_PORT:
				process.env.N8N_RUNNERS_BROKER_PORT || String(await local.freePort()),
		},
		logFile: join(userFolder, 'n8n.log'),
	});
}

async function main(): Promise<void> {
	const started = Date.now();
	const runtime = await local.ensureRuntime({ n8nVersion: N8N_VERSION, log: say });
	const tarball = await local.packProject({ log: say });
	const userFolder = join(cacheRoot(), `local-n8n-${N8N_VERSION}`);
	const standIn = await startStandIn();

	const workflows = loadExamples({ rewardUrl: `${STAND_IN_URL}/rewards` });
	await local.prepareInstance({
		runtime,
		tarball,
		userFolder,
		credentials: exampleCredentials({ discordWebhookUrl: `${STAND_IN_URL}/discord` }),
		workflows,
		publish: runsWithDemoCredentials,
		log: say,
	});

	say(
		`[n8n-local] starting n8n ${N8N_VERSION} on http://localhost:${PORT} (log: ${userFolder}/n8n.log)`,
	);
	const instance = await startDemoN8n(runtime, userFolder);
	// n8n runs in its own process group, so Ctrl-C does not reach it: stop it here.
	let stopping = false;
	const stop = async () => {
		if (stopping) return; // a second Ctrl-C while n8n shuts down
		stopping = true;
		say('\n[n8n-local] stopping n8n...');
		await instance.stop();
		standIn.close();
		say('[n8n-local] n8n stopped.');
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());

	const published = workflows.filter(runsWithDemoCredentials);
	await local.waitForWebhooks(
		instance,
		published.flatMap((workflow) => triggersOf(workflow).map((trigger) => trigger.path)),
		{ log: say },
	);

	say(
		`\nn8n ${N8N_VERSION} is ready at ${instance.baseUrl.replace('127.0.0.1', 'localhost')} (ready in ${Math.round((Date.now() - started) / 1000)} s).`,
	);
	say(await loginHint(instance.baseUrl));
	say("Demo secrets: each list's demoCredentials in test/<List>/kit.ts.\n");
	printExamples(instance.baseUrl, workflows, new Date(started));
	say(`${COMMUNITY_NODES_NOTE}\n`);
	say(
		'What the workflows send to Discord and to the reward endpoint is printed below. Ctrl-C stops n8n.\n',
	);
	await instance.exited;
	if (stopping) return; // stop() exits once n8n is down
	say(`[n8n-local] n8n exited; its log: ${userFolder}/n8n.log`);
	standIn.close();
	process.exit(1);
}

main().catch((error: unknown) => {
	console.error(
		`[n8n-local] ${error instanceof Error ? error.stack || error.message : String(error)}`,
	);
	process.exit(1);
});
