/*
 * The real-n8n suite: the subject packed and installed into a cached real n8n, then one scenario per test, each with
 * workflows of its own (suite/workflows.ts) and checked on what it caused alone (suite/run.ts), so that any test
 * passes or fails by itself and in any order (`-t '<name>'` runs one).
 *
 *   suite/instance.ts   the n8n under test: install, import, start, stop
 *   suite/workflows.ts  the scenarios' workflows and triggers
 *   suite/run.ts        what a scenario sent, its items and executions, and the checks on them
 *   suite/scenarios/    the scenarios: deliveries, refusals, example workflows, load
 */
import type * as local from '../../scripts/lib/n8n-local';
import type { ListKit } from '../shared/kit';
import { PACK, planInstance, start, stop, type Instance, type Subject } from './suite/instance';
import {
	botId,
	everyDocumentedExample,
	everyProtocol,
	filteredEvents,
} from './suite/scenarios/deliveries';
import {
	accountExamples,
	discordExamples,
	reminderExamples,
	rewardOnce,
} from './suite/scenarios/examples';
import { actionNodes } from './suite/scenarios/actions';
import { statsExample, voteGateExample } from './suite/scenarios/apiExamples';
import { answerTimes, flood, redeliveries } from './suite/scenarios/load';
import {
	allowedIps,
	brokenOption,
	hugeBodies,
	n8nAnswers,
	refusals,
} from './suite/scenarios/refusals';

export { PACK, type Subject };

/** How many nodes, and as many credentials, n8n loads from a package of these lists: a trigger each, an action node for each list with an API. */
export function loadedCountOf(lists: readonly ListKit[]): number {
	return lists.length + lists.filter((kit) => kit.api !== undefined).length;
}

/** What the whole instance shows: the package loaded, and no secret in its log. */
function instanceChecks(instance: Instance): void {
	const { lists, packageName } = instance.subject;
	const withApi = lists.filter((kit) => kit.api !== undefined).length;
	const count = loadedCountOf(lists);
	it(`loads the whole package: the nodes and credentials of its ${lists.length} list(s), ${withApi} with an action node`, () => {
		const loaded = new RegExp(
			`Loaded all credentials and nodes from ${packageName} \\{ "credentials": ${count}, "nodes": ${count}`,
		);
		expect(instance.n8n.log()).toMatch(loaded);
	});
}

function noSecretInLog(instance: Instance): void {
	it('never writes a secret to the n8n log', () => {
		const text = instance.n8n.log();
		for (const secret of instance.secrets) expect(text).not.toContain(secret);
	});
}

export function describeRealN8n(
	n8nVersion: string,
	install: local.PrepareOptions['install'] = 'as n8n does',
	subject: Subject = PACK,
): void {
	// A real n8n answers in milliseconds but starts in a minute and installs in several on a cold cache.
	jest.setTimeout(10 * 60_000);
	// A part the subject lacks is not registered at all: a single-list run has no such test, rather than a skipped one.
	const notRegistered = (() => undefined) as unknown as jest.It;
	// The example workflows use the pack's node types: a single-list package runs without them.
	const withExamples = subject.withExamples ? it : notRegistered;
	const withLoad = subject.withLoad ? it : notRegistered;
	describe(`n8n ${n8nVersion} with the packed ${subject.packageName} installed ${install}`, () => {
		const instance = planInstance(subject);
		beforeAll(() => start(instance, n8nVersion, install), 30 * 60_000);
		afterAll(() => stop(instance), 60_000);

		instanceChecks(instance);
		everyDocumentedExample(instance);
		everyProtocol(instance);
		n8nAnswers(instance);
		refusals(instance);
		filteredEvents(instance);
		discordExamples(instance, withExamples);
		reminderExamples(instance, withExamples);
		rewardOnce(instance, withExamples);
		accountExamples(instance, withExamples);
		botId(instance);
		brokenOption(instance);
		answerTimes(instance);
		allowedIps(instance);
		hugeBodies(instance);
		flood(instance, withLoad);
		redeliveries(instance, withLoad);
		actionNodes(instance);
		statsExample(instance, withExamples);
		voteGateExample(instance, withExamples);
		noSecretInLog(instance);
	});
}
