/**
 * The workflows of the fault run: the PostgreSQL "reward once" recipe of examples/ (README "Never reward twice"),
 * once per list, its trigger swapped for the list's and its reward posted to the recorder.
 */
import { LISTS } from '../../../test/registry';
import type { ListKit } from '../../../test/shared/kit';
import { exampleCredentials, triggerOf, type ExampleWorkflow } from '../demo';
import { PACK_PREFIX, POSTGRES_NODE } from '../queue/config';
import { recipe } from '../queue/workflows';

export interface ListRecipe {
	kit: ListKit;
	workflow: ExampleWorkflow;
	/** `<webhookId>/webhook` */
	path: string;
	/** Where the recorder receives its rewards. */
	rewardPath: string;
}

/** The recipe with `kit`'s trigger, under a webhook id of its own (`index` makes it unique). */
function recipeOf(kit: ListKit, index: number, recorderUrl: string): ListRecipe {
	const rewardPath = `/rewards/${kit.platform.name}`;
	const { workflow } = recipe(POSTGRES_NODE, recorderUrl, rewardPath);
	const { trigger } = triggerOf(workflow);
	const { name, version } = new kit.Node().description;
	const triggerName = `${kit.platform.displayName} Trigger`;
	const credential = exampleCredentials({ discordWebhookUrl: '' }).find(
		(entry) => entry.type === kit.platform.credentialType,
	);
	if (!credential) throw new Error(`no example credential of type ${kit.platform.credentialType}`);
	const webhookId = `fa010000-0000-4000-8000-${(index + 1).toString(16).padStart(12, '0')}`;
	// The recipe's nodes and expressions name the trigger: renamed everywhere at once.
	const renamed: ExampleWorkflow = JSON.parse(
		JSON.stringify(workflow).split(trigger.name).join(triggerName),
	);
	const node = renamed.nodes.find((entry) => entry.name === triggerName)!;
	Object.assign(node, {
		type: `${PACK_PREFIX}${name}`,
		typeVersion: Array.isArray(version) ? Math.max(...version) : version,
		webhookId,
		parameters: {},
		credentials: { [kit.platform.credentialType]: { id: credential.id, name: credential.name } },
	});
	Object.assign(renamed, {
		id: `bltFault${kit.folder}`,
		name: `Faults: ${kit.platform.displayName} reward once`,
	});
	return { kit, workflow: renamed, path: `${webhookId}/webhook`, rewardPath };
}

export const listRecipes = (recorderUrl: string): ListRecipe[] =>
	LISTS.map((kit, index) => recipeOf(kit, index, recorderUrl));
