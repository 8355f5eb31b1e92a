'use strict';
// `npm start`: build the pack, install it into a local n8n 2.41.0 the way n8n installs community packages,
// import and publish the example workflows, start n8n, and print a signed sample delivery per trigger.
const http = require('node:http');
const path = require('node:path');
const { cacheRoot } = require('./n8n-runtime');
const local = require('./n8n-local');
const demo = require('./demo');

const N8N_VERSION = process.env.BOTLISTS_N8N_VERSION || '2.41.0';
const PORT = Number(process.env.N8N_PORT || 5678);
const STAND_IN_PORT = Number(process.env.BOTLISTS_STAND_IN_PORT || 5690);
const say = (line) => console.log(line);
/** Example steps that need the user's own account, so the demo prints no sample for them. */
const ACCOUNT_NODES = { 'n8n-nodes-base.googleSheets': 'Google Sheets credential and sheet', 'n8n-nodes-base.postgres': 'PostgreSQL credential and table' };

/** Stands in for Discord and for your bot's reward endpoint, printing what the workflows send. */
function startStandIn() {
	const server = http.createServer((request, response) => {
		let body = '';
		request.on('data', (chunk) => (body += chunk));
		request.on('end', () => {
			let shown = body;
			try {
				const json = JSON.parse(body);
				shown = request.url.startsWith('/discord') ? json.content : JSON.stringify(json);
			} catch {}
			say(`${request.url.startsWith('/discord') ? '[discord] ' : '[reward]  '}${shown}`);
			response.writeHead(request.url.startsWith('/discord') ? 204 : 200, { 'content-type': 'application/json' });
			response.end(request.url.startsWith('/discord') ? undefined : '{"ok":true}');
		});
	});
	return new Promise((resolve, reject) => {
		server.on('error', reject);
		server.listen(STAND_IN_PORT, '127.0.0.1', () => resolve(server));
	});
}

async function main() {
	const started = Date.now();
	const runtime = await local.ensureRuntime({ n8nVersion: N8N_VERSION, log: say });
	const tarball = await local.packProject({ log: say });
	const userFolder = path.join(cacheRoot(), `local-n8n-${N8N_VERSION}`);
	const standIn = await startStandIn();
	const standInUrl = `http://127.0.0.1:${STAND_IN_PORT}`;

	const workflows = demo.loadExamples({ rewardUrl: `${standInUrl}/rewards` });
	await local.prepareInstance({
		runtime,
		tarball,
		userFolder,
		credentials: demo.exampleCredentials({ discordWebhookUrl: `${standInUrl}/discord` }),
		workflows,
		log: say,
	});

	say(`[n8n-local] starting n8n ${N8N_VERSION} on http://localhost:${PORT} (log: ${userFolder}/n8n.log)`);
	const instance = local.startN8n({
		runtime,
		userFolder,
		port: PORT,
		env: { N8N_LISTEN_ADDRESS: process.env.N8N_LISTEN_ADDRESS || '127.0.0.1' },
		logFile: path.join(userFolder, 'n8n.log'),
	});
	const stop = async () => {
		say('\n[n8n-local] stopping n8n');
		await instance.stop();
		standIn.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);

	const triggers = workflows.map((workflow) => ({ workflow, ...demo.triggerOf(workflow) }));
	await local.waitForWebhooks(instance, triggers.map((entry) => entry.path), { log: say });

	say(`\nn8n ${N8N_VERSION} is ready at ${instance.baseUrl.replace('127.0.0.1', 'localhost')} (ready in ${Math.round((Date.now() - started) / 1000)} s).`);
	say('On first visit it asks you to create the owner account. Demo secrets: scripts/demo.js.\n');
	for (const { workflow, platform, path: webhookPath } of triggers) {
		const url = `${instance.baseUrl.replace('127.0.0.1', 'localhost')}/webhook/${webhookPath}`;
		say(`${workflow.name}\n  Production URL: ${url}`);
		const account = workflow.nodes.find((node) => ACCOUNT_NODES[node.type]);
		if (account) {
			say(`  Needs your ${ACCOUNT_NODES[account.type]} before it can run: open it in the editor.\n`);
			continue;
		}
		say(`  Send a signed sample:\n  ${demo.curlLine(url, demo.sampleDelivery(platform))}\n`);
	}
	say(`What the workflows send to Discord and to the reward endpoint is printed below. Ctrl-C stops n8n.\n`);
	await instance.exited;
	say(`[n8n-local] n8n exited; its log: ${userFolder}/n8n.log`);
	standIn.close();
	process.exit(1);
}

main().catch((error) => {
	console.error(`[n8n-local] ${error.stack || error.message}`);
	process.exit(1);
});
