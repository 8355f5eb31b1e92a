import '../shared/supportedN8n';
import type {
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import {
	botIdParameter,
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
import { dlistSpace } from './platform';

export class DlistSpaceTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'dlist.space Trigger',
		name: 'dlistSpaceTrigger',
		icon: { light: 'file:dlistspace.svg', dark: 'file:dlistspace.dark.svg' },
		group: ['trigger'],
		// 1.1 behaves as 1; n8n evaluates an expression per request for version 1 of any webhook node (see BENCHMARKS.md).
		// 2 is the pack's version for new nodes; with one event kind this list has no event filter, so 2 behaves as 1.1.
		version: [1, 1.1, 2],
		defaultVersion: 2,
		subtitle: eventSubtitle(dlistSpace),
		description: 'Starts the workflow when someone votes for your bot on dlist.space',
		defaults: { name: 'dlist.space Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'dlistSpaceWebhookApi',
				required: true,
				testedBy: 'dlistSpaceWebhookApiTest',
			},
		],
		webhooks: deliveryWebhook,
		triggerPanel: triggerPanel('dlist.space'),
		properties: [
			setupNotice(
				"On dlist.space, open your bot's edit page and find its webhook settings: paste this node's Production URL as the webhook URL and put the secret key you set there in the dlist.space credential. dlist.space does not say which bot a vote is for: fill in Bot ID below to have it in every item.",
			),
			...triggerOn(dlistSpace),
			botIdParameter(dlistSpace),
			triggerOptions(dlistSpace),
		],
	};

	webhookMethods = { default: pastedUrlWebhookMethods };

	methods = { credentialTest: { dlistSpaceWebhookApiTest: credentialTestFor(dlistSpace) } };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleDelivery.call(this, dlistSpace);
	}
}
