/** The workflows of the run: a capture workflow per list, and the two "never reward twice" recipes of examples/. */
import { LISTS, listOfNodeType } from '../../../test/registry';
import type { ListKit } from '../../../test/shared/kit';
import { exampleCredentials, loadExamples, triggerOf, type ExampleWorkflow } from '../demo';
import type { WorkflowJson } from '../n8n-local';
import { PACK_PREFIX } from './config';

/** The node type name of a list's trigger (`new kit.Node().description.name`) and the highest typeVersion it offers. */
function triggerType(kit: ListKit): { name: string; typeVersion: number } {
	const { name, version } = new kit.Node().description;
	return { name, typeVersion: Array.isArray(version) ? Math.max(...version) : version };
}

/** A capture workflow: the list's trigger chained into an HTTP Request that posts its item to the recorder. */
export interface Capture {
	kit: ListKit;
	id: string;
	webhookId: string;
	/** `<webhookId>/webhook` */
	path: string;
	/** Where the recorder receives its items. */
	recordPath: string;
}

export function captures(): Capture[] {
	return LISTS.map((kit, index) => {
		// A valid uuid for any number of lists: the index fills the 12-hex-digit last group.
		const webhookId = `9a0e0000-0000-4000-8000-${(index + 1).toString(16).padStart(12, '0')}`;
		return {
			kit,
			id: `bltQueue${kit.folder}`,
			webhookId,
			path: `${webhookId}/webhook`,
			recordPath: `/capture/${kit.platform.name}`,
		};
	});
}

export function captureWorkflow(
	{ kit, id, webhookId, recordPath }: Capture,
	recorderUrl: string,
): WorkflowJson {
	const { displayName, credentialType } = kit.platform;
	const triggerName = `${displayName} Trigger`;
	const credential = exampleCredentials({ discordWebhookUrl: '' }).find(
		(entry) => entry.type === credentialType,
	);
	if (!credential) throw new Error(`no example credential of type ${credentialType}`);
	const { name, typeVersion } = triggerType(kit);
	return {
		id,
		name: `Queue mode: ${displayName} capture`,
		nodes: [
			{
				id: webhookId.replace('-8000-', '-8001-'),
				name: triggerName,
				type: `${PACK_PREFIX}${name}`,
				typeVersion,
				position: [0, 0],
				webhookId,
				parameters: {},
				credentials: { [credentialType]: { id: credential.id, name: credential.name } },
			},
			{
				id: webhookId.replace('-8000-', '-8002-'),
				name: 'Record',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [300, 0],
				parameters: {
					method: 'POST',
					url: `${recorderUrl}${recordPath}`,
					sendBody: true,
					specifyBody: 'json',
					jsonBody: '={{ JSON.stringify($json) }}',
					options: {},
				},
			},
		],
		connections: { [triggerName]: { main: [[{ node: 'Record', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/** A "never reward twice" recipe of examples/, its reward endpoint pointed at the recorder. */
export interface Recipe {
	workflow: ExampleWorkflow;
	/** The list of its trigger. */
	kit: ListKit;
	/** `<webhookId>/webhook` */
	path: string;
	/** Where the recorder receives its rewards. */
	rewardPath: string;
}

/** The one example that holds a node of `nodeType`, posting its rewards to `${recorderUrl}${rewardPath}`. */
export function recipe(nodeType: string, recorderUrl: string, rewardPath: string): Recipe {
	const rewardUrl = `${recorderUrl}${rewardPath}`;
	const found = loadExamples({ rewardUrl }).filter((workflow) =>
		workflow.nodes.some((node) => node.type === nodeType),
	);
	if (found.length !== 1)
		throw new Error(
			`expected one example in examples/ with a ${nodeType} node, found ${found.length}`,
		);
	const [workflow] = found;
	if (workflow.nodes.filter((node) => node.parameters.url === rewardUrl).length !== 1) {
		throw new Error(
			`examples: "${workflow.name}" must have exactly one node posting to the placeholder reward endpoint`,
		);
	}
	const { trigger, path } = triggerOf(workflow);
	return { workflow, kit: listOfNodeType(trigger.type), path, rewardPath };
}
