/*
 * `npm start`: build the pack, install it into a local n8n 2.41.0 the way n8n installs community packages,
 * import and publish the example workflows, start n8n, and print a signed sample delivery per trigger.
 *
 *   node -r ./scripts/lib/require-ts.js scripts/start.ts
 *
 * Settings (environment): BOTLISTS_N8N_VERSION (2.41.0), N8N_PORT (5678), N8N_LISTEN_ADDRESS (127.0.0.1),
 * BOTLISTS_STAND_IN_PORT (5690, the stand-in for Discord and the reward endpoint).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { curlLine, exampleCredentials, loadExamples, sampleDelivery, triggersOf, type ExampleWorkflow } from './lib/demo';
import * as local from './lib/n8n-local';
import { parseJsonObject } from './lib/recorder';
import { cacheRoot } from './lib/runtime';
import { listNamed } from '../nodes/registry';

const N8N_VERSION = process.env.BOTLISTS_N8N_VERSION || '2.41.0';
const PORT = Number(process.env.N8N_PORT || 5678);
const STAND_IN_PORT = Number(process.env.BOTLISTS_STAND_IN_PORT || 5690);
const STAND_IN_URL = `http://127.0.0.1:${STAND_IN_PORT}`;
const say = (line: string) => console.log(line);
/** Example steps that need the user's own account, so the demo prints no sample for them. */
const ACCOUNT_NODES: Readonly<Record<string, string>> = {
	'n8n-nodes-base.googleSheets': 'Google Sheets credential and sheet',
	'n8n-nodes-base.postgres': 'PostgreSQL credential and table',
};

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

/** The production URL of each example, and a curl line for those that run with the demo credentials alone. */
function printExamples(baseUrl: string, workflows: readonly ExampleWorkflow[]): void {
	const publicBase = baseUrl.replace('127.0.0.1', 'localhost');
	for (const workflow of workflows) {
		const triggers = triggersOf(workflow);
		const account = workflow.nodes.find((node) => Object.hasOwn(ACCOUNT_NODES, node.type));
		say(workflow.name);
		for (const { trigger, platform, path: webhookPath } of triggers) {
			const url = `${publicBase}/webhook/${webhookPath}`;
			say(`  ${triggers.length > 1 ? `${trigger.name}: ` : ''}Production URL: ${url}`);
			if (account) continue;
			const lifetime = listNamed(platform).signatureLifetimeSeconds;
			const validity = lifetime === undefined ? '' : ` (signed now: valid for ${lifetime / 60} minutes, then restart npm start for a fresh one)`;
			say(`  Send a signed sample${validity}:\n  ${curlLine(url, sampleDelivery(platform))}`);
		}
		say(account ? `  Needs your ${ACCOUNT_NODES[account.type]} before it can run: open it in the editor.\n` : '');
	}
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
		log: say,
	});

	say(`[n8n-local] starting n8n ${N8N_VERSION} on http://localhost:${PORT} (log: ${userFolder}/n8n.log)`);
	const instance = local.startN8n({
		runtime,
		userFolder,
		port: PORT,
		env: { N8N_LISTEN_ADDRESS: process.env.N8N_LISTEN_ADDRESS || '127.0.0.1' },
		logFile: join(userFolder, 'n8n.log'),
	});
	// n8n runs in its own process group, so Ctrl-C does not reach it: stop it here.
	let stopping = false;
	const stop = async () => {
		stopping = true;
		say('\n[n8n-local] stopping n8n');
		await instance.stop();
		standIn.close();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());

	await local.waitForWebhooks(instance, workflows.flatMap((workflow) => triggersOf(workflow).map((trigger) => trigger.path)), { log: say });

	say(`\nn8n ${N8N_VERSION} is ready at ${instance.baseUrl.replace('127.0.0.1', 'localhost')} (ready in ${Math.round((Date.now() - started) / 1000)} s).`);
	say("On first visit it asks you to create the owner account. Demo secrets: each list's demoCredentials in nodes/<List>/kit.ts.\n");
	printExamples(instance.baseUrl, workflows);
	say('What the workflows send to Discord and to the reward endpoint is printed below. Ctrl-C stops n8n.\n');
	await instance.exited;
	if (stopping) return; // stop() exits once n8n is down
	say(`[n8n-local] n8n exited; its log: ${userFolder}/n8n.log`);
	standIn.close();
	process.exit(1);
}

main().catch((error: unknown) => {
	console.error(`[n8n-local] ${error instanceof Error ? error.stack || error.message : String(error)}`);
	process.exit(1);
});
