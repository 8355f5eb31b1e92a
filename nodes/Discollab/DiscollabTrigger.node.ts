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
import { discollab } from './platform';

export class DiscollabTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Discollab Trigger',
		name: 'discollabTrigger',
		icon: { light: 'file:discollab.svg', dark: 'file:discollab.dark.svg' },
		group: ['trigger'],
		// 1.1 behaves as 1; n8n evaluates an expression per request for version 1 of any webhook node (see BENCHMARKS.md).
		// 2 is the pack's version for new nodes; with one event kind this list has no event filter, so 2 behaves as 1.1.
		version: [1, 1.1, 2],
		defaultVersion: 2,
		subtitle: eventSubtitle(discollab),
		description: 'Starts the workflow when someone votes for your bot or server on Discollab',
		defaults: { name: 'Discollab Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'discollabWebhookApi', required: true, testedBy: 'discollabWebhookApiTest' },
		],
		webhooks: deliveryWebhook,
		triggerPanel: triggerPanel('Discollab'),
		properties: [
			setupNotice(
				"In the Discollab dashboard, select your server or bot, click Show More Options at the bottom, and paste this node's Production URL as the endpoint URL. Put the token you enter there in the Discollab credential.",
			),
			...triggerOn(discollab),
			triggerOptions(discollab),
		],
	};

	webhookMethods = { default: pastedUrlWebhookMethods };

	methods = { credentialTest: { discollabWebhookApiTest: credentialTestFor(discollab) } };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleDelivery.call(this, discollab);
	}
}
