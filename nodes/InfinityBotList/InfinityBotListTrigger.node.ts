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
import { infinityBotList } from './platform';

export class InfinityBotListTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Omniplex (Infinity Bot List) Trigger',
		name: 'infinityBotListTrigger',
		icon: { light: 'file:infinitybotlist.svg', dark: 'file:infinitybotlist.dark.svg' },
		group: ['trigger'],
		// 1.1 behaves as 1; n8n evaluates an expression per request for version 1 of any webhook node (see BENCHMARKS.md).
		// 2 moves the event filter from the options to Trigger On; saved workflows keep the version they hold.
		version: [1, 1.1, 2],
		defaultVersion: 2,
		subtitle: eventSubtitle(infinityBotList),
		description:
			'Starts the workflow when someone votes for or reviews your bot, server or team on Omniplex (formerly Infinity Bot List)',
		defaults: { name: 'Omniplex (Infinity Bot List) Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'infinityBotListWebhookApi',
				required: true,
				testedBy: 'infinityBotListWebhookApiTest',
			},
		],
		webhooks: deliveryWebhook,
		triggerPanel: triggerPanel('Omniplex'),
		properties: [
			setupNotice(
				"On omniplex.gg (formerly Infinity Bot List), open your bot's (or server's or team's) webhook settings. Add a webhook with this node's Production URL, choose the HMAC-SHA256 protocol, and copy its secret into the Omniplex credential. Webhooks on the older splashtail or simple-auth protocols work too.",
			),
			...triggerOn(infinityBotList),
			triggerOptions(infinityBotList),
		],
	};

	webhookMethods = { default: pastedUrlWebhookMethods };

	methods = {
		credentialTest: { infinityBotListWebhookApiTest: credentialTestFor(infinityBotList) },
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleDelivery.call(this, infinityBotList);
	}
}
