import { LISTS, listOfNodeType } from './registry';
import { loadExamples, triggersOf, type ExampleWorkflow } from '../scripts/lib/demo';

/** The example workflows of examples/, as the demo and the real-n8n suite import them. */
const examples = loadExamples({ rewardUrl: 'http://127.0.0.1:9/rewards' });

describe('examples/', () => {
	it('gives every trigger a webhook id of its own, across all examples', () => {
		const ids = examples.flatMap((workflow) =>
			triggersOf(workflow).map(({ trigger }) => trigger.webhookId),
		);
		expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
		expect(new Set(ids).size).toBe(ids.length);
	});

	it.each(examples.map((workflow) => [workflow.name, workflow] as const))(
		'%s: each trigger is a list of the registry, with the credential the demo imports',
		(_name, workflow) => {
			for (const { trigger } of triggersOf(workflow)) {
				const kit = listOfNodeType(trigger.type);
				expect(trigger.credentials).toEqual({
					[kit.platform.credentialType]: {
						id: `bltCred${kit.folder}01`,
						name: `${kit.platform.displayName} account`,
					},
				});
				const parameters = new kit.Node().description.properties.map((property) => property.name);
				for (const name of Object.keys(trigger.parameters))
					expect([trigger.name, parameters]).toEqual([
						trigger.name,
						expect.arrayContaining([name]),
					]);
			}
		},
	);

	it('has the workflow taking votes from every list into one Google Sheets node: one trigger per list of the registry', () => {
		const workflow = examples.find((candidate) => candidate.id === 'bltExampleSheetsEveryList');
		expect(workflow).toBeDefined();
		const lists = triggersOf(workflow!)
			.map(({ platform }) => platform)
			.sort();
		expect(lists).toEqual(LISTS.map((kit) => kit.platform.name).sort());
		const sheets = workflow!.nodes.filter((node) => node.type === 'n8n-nodes-base.googleSheets');
		expect(sheets).toHaveLength(1);
		for (const { trigger } of triggersOf(workflow!)) {
			expect((workflow!.connections as Record<string, unknown>)[trigger.name]).toEqual({
				main: [[{ node: sheets[0].name, type: 'main', index: 0 }]],
			});
		}
	});

	/** The action nodes of a workflow with the list each belongs to (by its node type). */
	const actionNodesOf = (workflow: ExampleWorkflow) =>
		workflow.nodes.flatMap((node) => {
			const kit = LISTS.find(
				(candidate) =>
					candidate.api &&
					node.type === `n8n-nodes-botlists.${new candidate.api.Node().description.name}`,
			);
			return kit ? [{ node, kit }] : [];
		});
	const operationsOf = (kit: (typeof LISTS)[number]) =>
		new kit.api!.Node().description.properties
			.filter((property) => property.name === 'operation')
			.flatMap((property) =>
				(property.options ?? []).map((option) => (option as { value: string }).value),
			);

	it('has the workflow keeping the server count current: Discord read on a schedule, then Post Stats on every list that takes stats, each continuing past a failure', () => {
		const workflow = examples.find((candidate) => candidate.id === 'bltExampleStatsEveryList')!;
		expect(workflow).toBeDefined();
		const discord = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.httpRequest')!;
		expect(discord.parameters).toMatchObject({
			url: 'https://discord.com/api/v10/applications/@me',
			nodeCredentialType: 'discordBotApi',
		});
		const posts = actionNodesOf(workflow);
		expect(posts.map(({ kit }) => kit.platform.name).sort()).toEqual(
			LISTS.filter((kit) => kit.api && operationsOf(kit).includes('postStats'))
				.map((kit) => kit.platform.name)
				.sort(),
		);
		const next = (workflow.connections as Record<string, { main: Array<Array<{ node: string }>> }>)[
			discord.name
		].main[0].map((target) => target.node);
		for (const { node, kit } of posts) {
			expect([node.name, node.parameters.operation, node.onError]).toEqual([
				node.name,
				'postStats',
				'continueRegularOutput',
			]);
			expect(node.parameters.serverCount).toBe('={{ $json.approximate_guild_count }}');
			expect(next).toContain(node.name);
			expect(node.credentials).toEqual({
				[new kit.api!.Credential().name]: {
					id: `bltCredApi${kit.folder}01`,
					name: `${new kit.api!.Node().description.displayName} API account`,
				},
			});
		}
	});

	it('has the vote-gated reward: a Webhook asks Vote > Get, and only a confirmed vote reaches the reward', () => {
		const workflow = examples.find((candidate) => candidate.id === 'bltExampleVoteGate')!;
		expect(workflow).toBeDefined();
		const [check] = actionNodesOf(workflow);
		expect(check.node.parameters).toMatchObject({ resource: 'vote', operation: 'get' });
		const properties = new check.kit.api!.Node().description.properties.map(
			(property) => property.name,
		);
		expect(properties).toEqual(expect.arrayContaining(Object.keys(check.node.parameters)));
		const reward = workflow.nodes.find(
			(node) => node.parameters.url === 'http://127.0.0.1:9/rewards',
		)!;
		const connections = workflow.connections as Record<
			string,
			{ main: Array<Array<{ node: string }>> }
		>;
		const [votedBranch, notVotedBranch] = connections['Voted?'].main;
		expect(votedBranch.map((target) => target.node)).toEqual([reward.name]);
		expect(notVotedBranch.map((target) => target.node)).not.toContain(reward.name);
	});
});
