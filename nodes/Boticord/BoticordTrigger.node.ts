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
import { boticord } from './platform';

export class BoticordTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Boticord Trigger',
		name: 'boticordTrigger',
		icon: { light: 'file:boticord.svg', dark: 'file:boticord.dark.svg' },
		group: ['trigger'],
		// 1.1 behaves as 1; n8n evaluates an expression per request for version 1 of any webhook node (see BENCHMARKS.md).
		// 2 moves the event filter from the options to Trigger On; saved workflows keep the version they hold.
		version: [1, 1.1, 2],
		defaultVersion: 2,
		subtitle: eventSubtitle(boticord),
		description:
			'Starts the workflow when someone bumps or comments on your bot or server on Boticord',
		defaults: { name: 'Boticord Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'boticordWebhookApi', required: true, testedBy: 'boticordWebhookApiTest' },
		],
		webhooks: deliveryWebhook,
		triggerPanel: triggerPanel('Boticord'),
		properties: [
			setupNotice(
				"On your bot's or server's Boticord edit page, paste this node's Production URL into the webhook link field. Copy the private key shown under that field (sent as X-Hook-Key) into the Boticord credential.",
			),
			...triggerOn(boticord),
			triggerOptions(boticord),
		],
	};

	webhookMethods = { default: pastedUrlWebhookMethods };

	methods = { credentialTest: { boticordWebhookApiTest: credentialTestFor(boticord) } };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleDelivery.call(this, boticord);
	}
}
