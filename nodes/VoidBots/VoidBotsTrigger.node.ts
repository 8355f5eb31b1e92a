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
import { voidBots } from './platform';

export class VoidBotsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Void Bots Trigger',
		name: 'voidBotsTrigger',
		icon: { light: 'file:voidbots.svg', dark: 'file:voidbots.dark.svg' },
		group: ['trigger'],
		// 1.1 behaves as 1; n8n evaluates an expression per request for version 1 of any webhook node (see BENCHMARKS.md).
		// 2 moves the event filter from the options to Trigger On; saved workflows keep the version they hold.
		version: [1, 1.1, 2],
		defaultVersion: 2,
		subtitle: eventSubtitle(voidBots),
		description: 'Starts the workflow when someone votes for your bot on Void Bots (voidbots.net)',
		defaults: { name: 'Void Bots Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'voidBotsWebhookApi', required: true, testedBy: 'voidBotsWebhookApiTest' },
		],
		webhooks: deliveryWebhook,
		triggerPanel: triggerPanel('Void Bots'),
		properties: [
			setupNotice(
				"On voidbots.net, edit your bot and open its webhook settings (where exactly is not confirmed): paste this node's Production URL as the webhook URL, set a webhook secret (auth) there, and put the same secret in the Void Bots credential. Void Bots sends it in the Authorization header.",
			),
			...triggerOn(voidBots),
			triggerOptions(voidBots),
		],
	};

	webhookMethods = { default: pastedUrlWebhookMethods };

	methods = { credentialTest: { voidBotsWebhookApiTest: credentialTestFor(voidBots) } };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleDelivery.call(this, voidBots);
	}
}
