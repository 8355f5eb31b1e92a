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
import { botRadar } from './platform';

export class BotRadarTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'BotRadar Trigger',
		name: 'botRadarTrigger',
		icon: { light: 'file:botradar.svg', dark: 'file:botradar.dark.svg' },
		group: ['trigger'],
		// 1.1 behaves as 1; n8n evaluates an expression per request for version 1 of any webhook node (see BENCHMARKS.md).
		// 2 moves the event filter from the options to Trigger On; saved workflows keep the version they hold.
		version: [1, 1.1, 2],
		defaultVersion: 2,
		subtitle: eventSubtitle(botRadar),
		description: 'Starts the workflow when someone upvotes your bot on BotRadar (botradar.gg)',
		defaults: { name: 'BotRadar Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'botRadarWebhookApi', required: true, testedBy: 'botRadarWebhookApiTest' },
		],
		webhooks: deliveryWebhook,
		triggerPanel: triggerPanel('BotRadar'),
		properties: [
			setupNotice(
				"On botradar.gg, open your Dashboard, then Webhooks & API for your bot: paste this node's Production URL as the Webhook URL and put the Authorization secret you set there in the BotRadar credential. Send test event checks the connection.",
			),
			...triggerOn(botRadar),
			triggerOptions(botRadar),
		],
	};

	webhookMethods = { default: pastedUrlWebhookMethods };

	methods = { credentialTest: { botRadarWebhookApiTest: credentialTestFor(botRadar) } };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleDelivery.call(this, botRadar);
	}
}
