import type {
	ICredentialTestFunction,
	ICredentialsDecrypted,
	INodeCredentialTestResult,
	INodeProperties,
	INodeTypeDescription,
	IWebhookDescription,
} from 'n8n-workflow';
import {
	ALL_EVENTS,
	BOT_ID_PARAMETER,
	MIN_REDELIVERY_WINDOW_HOURS,
	TRIGGER_ON_VERSION,
} from './parameters';
import type { EventKind, Platform } from './platform';

/**
 * The parts every bot list trigger shares. Each node still writes its own description literally, the
 * way n8n's own triggers do; these are the pieces that must stay identical across them.
 */

/** `responseData: ''` makes n8n answer with the JSON `webhookResponse` the node returns, after it has recorded the execution. */
export const deliveryWebhook: IWebhookDescription[] = [
	{
		name: 'default',
		httpMethod: 'POST',
		responseMode: 'onReceived',
		path: 'webhook',
		responseData: '',
	},
];

/** Nothing to register: the user pastes the URL into the platform's dashboard. */
export const pastedUrlWebhookMethods = {
	async checkExists(): Promise<boolean> {
		return true;
	},
	async create(): Promise<boolean> {
		return true;
	},
	async delete(): Promise<boolean> {
		return true;
	},
};

const EVENT_OPTIONS: Record<EventKind, { name: string; description: string }> = {
	vote: {
		name: 'Vote',
		description: 'Someone voted (or bumped or upped, on the lists that call a vote so)',
	},
	test: { name: 'Test Message', description: 'The test message sent from the dashboard' },
	comment_created: { name: 'Comment Created', description: 'Someone posted a comment' },
	comment_edited: { name: 'Comment Edited', description: 'Someone edited their comment' },
	comment_deleted: {
		name: 'Comment Deleted',
		description: 'A comment was removed by its author or a moderator',
	},
	premium_purchase: { name: 'Premium Purchase', description: 'Someone bought premium' },
	subscription_renewed: {
		name: 'Subscription Renewed',
		description: 'A premium subscription renewed',
	},
	subscription_expired: {
		name: 'Subscription Expired',
		description: 'A premium subscription ran out',
	},
	subscription_revoked: {
		name: 'Subscription Revoked',
		description: 'A premium subscription was revoked: remove the perks now',
	},
};

const BEFORE_TRIGGER_ON = { '@version': [{ _cnd: { lt: TRIGGER_ON_VERSION } }] };
const FROM_TRIGGER_ON = { '@version': [{ _cnd: { gte: TRIGGER_ON_VERSION } }] };

/** Whether the node offers an event filter at all: with one event kind the only choice is that kind, which n8n does not ask for. */
function filtersEvents(platform: Platform): boolean {
	return platform.events.length > 1;
}

function eventChoices(
	platform: Platform,
): Array<{ name: string; value: string; description: string }> {
	return platform.events.map((event) => ({ value: event, ...EVENT_OPTIONS[event] }));
}

/**
 * Trigger On, the event filter as n8n's own triggers name it (Telegram, Twilio, Slack), for version 2 on. Its default,
 * All Events, keeps the promise that a node left at its defaults emits every event, test deliveries included.
 */
export function triggerOn(platform: Platform): INodeProperties[] {
	if (!filtersEvents(platform)) return [];
	return [
		{
			displayName: 'Trigger On',
			name: 'events',
			type: 'multiOptions',
			default: [ALL_EVENTS],
			description: 'Which events start the workflow. The others are answered without starting it.',
			displayOptions: { show: FROM_TRIGGER_ON },
			options: [
				{
					name: 'All Events',
					value: ALL_EVENTS,
					description: `Every event ${platform.displayName} sends`,
				},
				...eventChoices(platform),
			],
		},
	];
}

/**
 * The node's subtitle: the events that start the workflow, by the names Trigger On shows. Version 2 nodes hold
 * them in `events`, older ones in the Options collection, and neither holds the other, so one expression serves
 * both. Its lookup object has no nested braces: `}}` would end the expression.
 */
export function eventSubtitle(platform: Platform): string {
	if (!filtersEvents(platform)) return EVENT_OPTIONS[platform.events[0]].name;
	const names = JSON.stringify(
		Object.fromEntries(platform.events.map((event) => [event, EVENT_OPTIONS[event].name])),
	);
	return (
		`={{ ((events) => events.length === 0 || events.includes(${JSON.stringify(ALL_EVENTS)}) ? "All Events" : ` +
		`events.map((event) => (${names})[event] || event).join(", "))` +
		'($parameter["events"] || $parameter["options"]["events"] || []) }}'
	);
}

/** The node's Options collection: narrowing what is emitted, all off by default so every event runs. */
export function triggerOptions(platform: Platform): INodeProperties {
	const options: INodeProperties[] = [
		{
			displayName: 'Allowed IPs',
			name: 'allowedIps',
			type: 'string',
			default: '',
			placeholder: 'e.g. 51.222.204.155, 2001:db8::/32',
			description:
				'Comma-separated IP addresses or CIDR ranges that may call this webhook. Leave empty to allow any. If n8n runs behind a reverse proxy, n8n must be told to trust it (see Node options in the README), or every request seems to come from the proxy.',
		},
		{
			displayName: 'Ignore Redeliveries',
			name: 'ignoreRedeliveries',
			type: 'boolean',
			default: false,
			description:
				'Whether to answer a delivery whose event ID n8n already received within the redelivery window without starting the workflow. n8n remembers event IDs in memory: it forgets them when it restarts, and each n8n instance remembers its own.',
		},
		{
			displayName: 'Ignore Test Deliveries',
			name: 'ignoreTests',
			type: 'boolean',
			default: false,
			description: `Whether to answer test deliveries from the ${platform.displayName} dashboard without starting the workflow`,
		},
		{
			displayName: 'Redelivery Window (Hours)',
			name: 'redeliveryWindowHours',
			type: 'number',
			default: 24,
			// A window of 0 would remember nothing: the editor keeps it above zero, the pipeline refuses an expression's.
			typeOptions: { minValue: MIN_REDELIVERY_WINDOW_HOURS, numberPrecision: 2 },
			description: 'How long an event ID is remembered',
			// Inside a collection n8n resolves a name without a leading slash among the collection's own values.
			displayOptions: { show: { ignoreRedeliveries: [true] } },
		},
	];
	if (filtersEvents(platform)) {
		// After Allowed IPs: n8n lists options alphabetically. Versions 1 and 1.1 only: saved workflows keep their filter.
		options.splice(1, 0, {
			displayName: 'Events',
			name: 'events',
			type: 'multiOptions',
			default: [],
			description: 'Which events start the workflow. Leave empty for all of them.',
			displayOptions: { show: BEFORE_TRIGGER_ON },
			options: eventChoices(platform),
		});
	}
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options,
	};
}

/**
 * For a list whose deliveries do not say which bot a vote is for (`omitsTarget`): the bot's id, which the items
 * then carry as `targetId`, so that items of every list fill the same columns.
 */
export function botIdParameter(platform: Platform): INodeProperties {
	return {
		displayName: 'Bot ID',
		name: BOT_ID_PARAMETER,
		type: 'string',
		default: '',
		placeholder: 'e.g. 123456789012345678',
		description: `Your bot's Discord ID (its client ID). ${platform.displayName} does not say which bot a vote is for: the node puts this ID in targetId. Leave empty to leave targetId empty.`,
	};
}

/** Where the URL above must lead: a list on the internet cannot call an n8n that only `localhost` reaches. */
const PUBLIC_URL_HINT =
	' The list calls this URL from the internet: if it starts with http://localhost, see "A URL the lists can reach" in the README.';

export function setupNotice(text: string): INodeProperties {
	return { displayName: text + PUBLIC_URL_HINT, name: 'setupNotice', type: 'notice', default: '' };
}

export function triggerPanel(platformName: string): INodeTypeDescription['triggerPanel'] {
	return {
		header: `Pull in events from ${platformName}`,
		executionsHelp: {
			inactive: `<b>While building your workflow</b>, click the 'Execute step' button, then paste the <b>Test URL</b> into the ${platformName} dashboard and send its test webhook. This will trigger an execution, which will show up in this editor.<br /><br /><b>Once you're happy with your workflow</b>, paste the <b>Production URL</b> into the ${platformName} dashboard and publish the workflow. Every vote will then trigger an execution. These executions will show up in the executions list, but not in the editor.`,
			active: `<b>While building your workflow</b>, click the 'Execute step' button, then paste the <b>Test URL</b> into the ${platformName} dashboard and send its test webhook. This will trigger an execution, which will show up in this editor.<br /><br /><b>Your workflow will also execute automatically</b>, since it's published. Every vote sent to the <b>Production URL</b> will trigger an execution. These executions will show up in the executions list, but not in the editor.`,
		},
		activationHint: `Once you've finished building your workflow, paste the Production URL into the ${platformName} dashboard and publish the workflow.`,
	};
}

/** The node's `testedBy` function: checks the secrets are present and usable, without any network call. */
export function credentialTestFor(platform: Platform): ICredentialTestFunction {
	return async function (credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
		const result = platform.checkCredential(credential.data ?? {});
		return { status: result.ok ? 'OK' : 'Error', message: result.message };
	};
}
