import '../shared/supportedN8n';
import type {
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import {
	credentialTestFor,
	deliveryWebhook,
	eventSubtitle,
	pastedUrlWebhookMethods,
	setupNotice,
	triggerOn,
	triggerOptions,
	triggerPanel,
} from '../shared/description';
import { handleDelivery } from '../shared/pipeline';
import { botHunt } from './platform';

export class BotHuntTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'BotHunt Trigger',
		name: 'botHuntTrigger',
		icon: { light: 'file:bothunt.svg', dark: 'file:bothunt.dark.svg' },
		group: ['trigger'],
		// 1.1 behaves as 1; n8n evaluates an expression per request for version 1 of any webhook node (see BENCHMARKS.md).
		// 2 is the pack's version for new nodes; with one event kind this list has no event filter, so 2 behaves as 1.1.
		version: [1, 1.1, 2],
		defaultVersion: 2,
		subtitle: eventSubtitle(botHunt),
		description: 'Starts the workflow when someone upvotes your bot on BotHunt',
		defaults: { name: 'BotHunt Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'botHuntWebhookApi', required: true, testedBy: 'botHuntWebhookApiTest' }],
		webhooks: deliveryWebhook,
		triggerPanel: triggerPanel('BotHunt'),
		properties: [
			setupNotice(
				"On bothunt.co, open your bot's settings, then its webhook: paste this node's Production URL as the webhook URL, generate the token there (without one BotHunt sends nothing), and put that token in the BotHunt credential.",
			),
			...triggerOn(botHunt),
			triggerOptions(botHunt),
		],
	};

	webhookMethods = { default: pastedUrlWebhookMethods };

	methods = { credentialTest: { botHuntWebhookApiTest: credentialTestFor(botHunt) } };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleDelivery.call(this, botHunt);
	}
}
