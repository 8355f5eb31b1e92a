import { LISTS, listOfNodeType } from './registry';
import { loadExamples, triggersOf } from '../scripts/lib/demo';

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
});
