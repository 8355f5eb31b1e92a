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
import { diffcord } from './platform';

export class DiffcordTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Diffcord Trigger',
		name: 'diffcordTrigger',
		icon: { light: 'file:diffcord.svg', dark: 'file:diffcord.dark.svg' },
		group: ['trigger'],
		// 1.1 behaves as 1; n8n evaluates an expression per request for version 1 of any webhook node (see BENCHMARKS.md).
		// 2 is the pack's version for new nodes; with one event kind this list has no event filter, so 2 behaves as 1.1.
		version: [1, 1.1, 2],
		defaultVersion: 2,
		subtitle: eventSubtitle(diffcord),
		description: 'Starts the workflow when someone votes for your bot on Diffcord',
		defaults: { name: 'Diffcord Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'diffcordWebhookApi', required: true, testedBy: 'diffcordWebhookApiTest' },
		],
		webhooks: deliveryWebhook,
		triggerPanel: triggerPanel('Diffcord'),
		properties: [
			setupNotice(
				"In Diffcord, open your bot's Dashboard, then API, and at the bottom paste this node's Production URL as the webhook endpoint URL. Put the same verification code in the Diffcord credential, then click Save Webhook Changes.",
			),
			...triggerOn(diffcord),
			triggerOptions(diffcord),
		],
	};

	webhookMethods = { default: pastedUrlWebhookMethods };

	methods = { credentialTest: { diffcordWebhookApiTest: credentialTestFor(diffcord) } };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleDelivery.call(this, diffcord);
	}
}
