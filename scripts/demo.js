'use strict';
// The example workflows with credentials to run them locally: shared by `npm start` and the e2e suite.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const EXAMPLES_DIR = path.join(__dirname, '..', 'examples');

/** Demo secrets for a local instance only: never reuse them on a real dashboard. */
const DEMO_SECRETS = {
	diffcord: { verificationCode: 'demo-diffcord-code' },
	discollab: { token: 'demo-discollab-token' },
	rankly: { authorization: 'Bearer demo-rankly-auth', voteSecret: 'demo-rankly-vote-secret', premiumSecret: 'demo-rankly-premium-secret' },
	boticord: { hookKey: 'demo-boticord-hook-key' },
};

/** The credentials the example workflows reference, by the ids written in examples/. */
function exampleCredentials({ discordWebhookUrl }) {
	return [
		{ id: 'bltCredDiffcord01', name: 'Diffcord account', type: 'diffcordWebhookApi', data: DEMO_SECRETS.diffcord },
		{ id: 'bltCredDiscollab01', name: 'Discollab account', type: 'discollabWebhookApi', data: DEMO_SECRETS.discollab },
		{ id: 'bltCredRankly01', name: 'Rankly account', type: 'ranklyWebhookApi', data: DEMO_SECRETS.rankly },
		{ id: 'bltCredBoticord01', name: 'Boticord account', type: 'boticordWebhookApi', data: DEMO_SECRETS.boticord },
		{ id: 'bltCredDiscord01', name: 'Discord votes channel', type: 'discordWebhookApi', data: { webhookUri: discordWebhookUrl } },
	];
}

/** examples/*.json as workflow objects; the placeholder reward endpoint is pointed at `rewardUrl`. */
function loadExamples({ rewardUrl }) {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => {
			const workflow = JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'));
			for (const node of workflow.nodes) {
				if (node.parameters.url === 'https://your-bot.example.com/api/rewards') node.parameters.url = rewardUrl;
			}
			return workflow;
		});
}

/** The trigger of a workflow and its production path, `<webhookId>/webhook`. */
function triggerOf(workflow) {
	const trigger = workflow.nodes.find((node) => node.type.startsWith('n8n-nodes-botlists.'));
	return { trigger, platform: trigger.type.split('.')[1].replace('Trigger', ''), path: `${trigger.webhookId}/webhook` };
}

/** A documented example delivery per platform, with the headers that sign it under DEMO_SECRETS. */
function sampleDelivery(platform) {
	const samples = {
		diffcord: {
			body: '{"vote_id":"7019eeaa-a25a-446e-9122-dccf540e2405","user_id":"129743267142362715","bot_id":"7231198106540828102","since_vote":2.9213,"rewarded":false,"test":false,"monthly_votes":12}',
			headers: () => ({ Authorization: DEMO_SECRETS.diffcord.verificationCode }),
		},
		discollab: {
			body: '{"guild_id":"123456789012345678","user_id":"987654321098765432","username":"exampleuser","voted_on_iso":"2025-11-25T10:00:00.000Z","vote_again":43200,"times_voted":7,"is_test":false}',
			headers: () => ({ Authorization: `Bearer ${DEMO_SECRETS.discollab.token}` }),
		},
		rankly: {
			body: '{"event":"bot_vote","timestamp":"2025-11-25T10:00:00.000Z","voter":{"userId":"987654321098765432","username":"exampleuser"},"bot":{"id":"1234567890123456789","name":"Your Bot Name"},"creditsAwarded":true,"adBlocker":false,"creditDenialReason":null}',
			headers: (body) => ({
				'X-Webhook-Signature': crypto.createHmac('sha256', DEMO_SECRETS.rankly.voteSecret).update(body).digest('hex'),
			}),
		},
		boticord: {
			body: '{"type":"new_bot_bump","data":{"user":"178404926869733376","at":1631789378024}}',
			headers: () => ({ 'X-Hook-Key': DEMO_SECRETS.boticord.hookKey }),
		},
	};
	const sample = samples[platform];
	return { body: sample.body, headers: { 'Content-Type': 'application/json', ...sample.headers(sample.body) } };
}

/** A copy-paste curl line for a delivery. */
function curlLine(url, { body, headers }) {
	const quote = (text) => `'${text.replace(/'/g, `'\\''`)}'`;
	const headerArgs = Object.entries(headers).map(([name, value]) => `-H ${quote(`${name}: ${value}`)}`);
	return ['curl -sS -X POST', quote(url), ...headerArgs, '--data-raw', quote(body)].join(' ');
}

module.exports = { DEMO_SECRETS, exampleCredentials, loadExamples, triggerOf, sampleDelivery, curlLine };
