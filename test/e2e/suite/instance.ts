/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- a test run by Jest, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
/*
 * The real n8n a suite runs against: the subject packed and installed, every scenario's workflow and the example
 * workflows imported and published, n8n started behind one proxy hop, a recorder standing for every downstream.
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { LISTS } from '../../registry';
import type { ListKit } from '../../shared/kit';
import * as demo from '../../../scripts/lib/demo';
import * as local from '../../../scripts/lib/n8n-local';
import { startRecorder, type Recorder } from '../../../scripts/lib/recorder';
import { startStandIn, type StandIn } from '../../helpers/standIn';
import { apiCalls, apiCredentials, apiWorkflow, type ApiCall } from './apiWorkflows';
import { DISCORD, forTheSuite, startExampleStandIns } from './scenarios/apiExamples';
import {
	captureCredentials,
	captureWorkflow,
	scenarioWorkflows,
	type ScenarioWorkflow,
	type ScenarioWorkflows,
} from './workflows';

export const log = (line: string) => process.stderr.write(`${line}\n`);

/** What a run installs: a package, the lists it holds, how to pack it, and whether the example workflows (the pack's node types) come along. */
export interface Subject {
	packageName: string;
	lists: readonly ListKit[];
	pack(log: (line: string) => void): Promise<string>;
	withExamples: boolean;
	/**
	 * The load scenarios (a flood of forged requests, 600 deliveries in flight): they test the shared pipeline and n8n
	 * under load, not a list, and take minutes; the pack's runs keep them.
	 */
	withLoad: boolean;
}

export const PACK: Subject = {
	packageName: 'n8n-nodes-botlists',
	lists: LISTS,
	pack: (log) => local.packProject({ log }),
	withExamples: true,
	withLoad: true,
};

/** One started n8n and what the scenarios reach it with; filled by `start`, in a beforeAll. */
export interface Instance {
	subject: Subject;
	workflows: ScenarioWorkflows;
	/** Every secret of the subject's lists, real and demo: none may reach an answer or the log. */
	secrets: string[];
	runtime: Awaited<ReturnType<typeof local.ensureRuntime>>;
	recorder: Recorder;
	n8n: ReturnType<typeof local.startN8n>;
	userFolder: string;
	examples: demo.ExampleWorkflow[];
	/** Every case of every action node of the subject's lists, each behind a Webhook of the action workflow. */
	apiCalls: ApiCall[];
	/** Each list's API stand-in, by platform: the action nodes' credentials point at it. */
	standIns: Map<string, StandIn>;
	/** The examples' own stand-ins of the lists' APIs (by platform) and of Discord's (`discord`). */
	exampleApis: Map<string, StandIn>;
}

/** The instance's fields known before it starts; the rest are set by `start`. */
export function planInstance(subject: Subject): Instance {
	const secrets = [
		...new Set(
			subject.lists.flatMap((kit) => [
				...Object.values(kit.credentials),
				...Object.values(kit.demoCredentials),
			]),
		),
	].filter(Boolean);
	return {
		subject,
		workflows: scenarioWorkflows(subject.lists),
		secrets: [...secrets, ...subject.lists.flatMap((kit) => (kit.api ? [kit.api.token] : []))],
		examples: [],
		apiCalls: apiCalls(subject.lists),
		standIns: new Map(),
		exampleApis: new Map(),
	} as unknown as Instance;
}

/**
 * Starts the stand-ins of the lists' APIs (the action-node scenarios' and, with examples, the examples' own and
 * Discord's) and loads the examples pointed at them; gives the examples' stand-in URLs, by platform and `discord`.
 */
async function startStandIns(instance: Instance): Promise<Map<string, string>> {
	const { subject, recorder } = instance;
	for (const kit of subject.lists)
		if (kit.api)
			instance.standIns.set(
				kit.platform.name,
				await startStandIn(kit.api.routes, kit.api.basePath),
			);
	if (!subject.withExamples) return new Map();
	instance.exampleApis = await startExampleStandIns(subject.lists);
	const urls = new Map([...instance.exampleApis].map(([key, standIn]) => [key, standIn.baseUrl]));
	instance.examples = demo
		.loadExamples({ rewardUrl: `${recorder.url}/rewards`, discordApiUrl: urls.get(DISCORD) })
		.map(forTheSuite);
	return urls;
}

/** The credentials and workflows n8n gets: the examples', the scenarios' captures, the action workflow. */
async function installSubject(
	instance: Instance,
	tarball: string,
	install: local.PrepareOptions['install'],
	scenarios: readonly ScenarioWorkflow[],
	exampleApiUrls: Map<string, string>,
): Promise<void> {
	const { subject, recorder } = instance;
	const triggers = scenarios.flatMap((workflow) => workflow.triggers);
	const withApi = instance.apiCalls.length > 0;
	await local.prepareInstance({
		runtime: instance.runtime,
		tarball,
		userFolder: instance.userFolder,
		install,
		credentials: [
			...(subject.withExamples
				? demo.exampleCredentials({
						discordWebhookUrl: `${recorder.url}/discord`,
						apis: exampleApiUrls,
					})
				: []),
			...captureCredentials(triggers),
			...(withApi ? apiCredentials(instance.apiCalls, instance.standIns) : []),
		],
		// Every example published, those that need an account too (npm start leaves those unpublished): their triggers must register.
		workflows: [
			...instance.examples,
			...scenarios.map((workflow) => captureWorkflow(recorder.url, workflow, subject.packageName)),
			...(withApi ? [apiWorkflow(instance.apiCalls, subject.packageName)] : []),
		],
		log,
	});
}

async function startN8nBehindProxy(instance: Instance): Promise<ReturnType<typeof local.startN8n>> {
	return local.startN8n({
		runtime: instance.runtime,
		userFolder: instance.userFolder,
		port: await local.freePort(),
		// One proxy hop: n8n then takes the client address from X-Forwarded-For, as behind a reverse proxy.
		env: {
			N8N_LOG_LEVEL: 'debug',
			N8N_PROXY_HOPS: '1',
			N8N_RUNNERS_BROKER_PORT: String(await local.freePort()),
		},
		logFile: join(instance.userFolder, 'n8n.log'),
	});
}

/** Until n8n has registered the webhook of every scenario trigger and every example trigger. */
async function waitForEveryWebhook(
	instance: Instance,
	scenarios: readonly ScenarioWorkflow[],
): Promise<void> {
	const triggers = scenarios.flatMap((workflow) => workflow.triggers);
	const exampleWebhooks = instance.examples.flatMap((workflow) =>
		demo.triggersOf(workflow).map(({ trigger }) => trigger.webhookId!),
	);
	const webhookIds = [...triggers.map((entry) => entry.webhookId), ...exampleWebhooks];
	await local.waitForWebhooks(
		instance.n8n,
		webhookIds.map((id) => `${id}/webhook`),
		{ log },
	);
}

/** Installs the subject into a fresh user folder of the cached n8n, imports every workflow and starts n8n. */
export async function start(
	instance: Instance,
	n8nVersion: string,
	install: local.PrepareOptions['install'],
): Promise<void> {
	const started = Date.now();
	// A scenario with no trigger for the subject's lists (Bot ID on a list that names its bot) imports no workflow.
	const scenarios = Object.values(instance.workflows).filter(
		(workflow) => workflow.triggers.length > 0,
	);
	instance.runtime = await local.ensureRuntime({ n8nVersion, log });
	const tarball = await instance.subject.pack(log);
	instance.recorder = await startRecorder();
	instance.userFolder = mkdtempSync(join(tmpdir(), `botlists-e2e-${n8nVersion}-`));
	const exampleApiUrls = await startStandIns(instance);
	await installSubject(instance, tarball, install, scenarios, exampleApiUrls);
	instance.n8n = await startN8nBehindProxy(instance);
	await waitForEveryWebhook(instance, scenarios);
	log(
		`[e2e] n8n ${n8nVersion} ready with every webhook registered in ${Math.round((Date.now() - started) / 1000)} s`,
	);
}

export async function stop(instance: Instance): Promise<void> {
	await instance.n8n?.stop();
	await instance.recorder?.close();
	for (const standIn of [
		...(instance.standIns?.values() ?? []),
		...(instance.exampleApis?.values() ?? []),
	])
		await standIn.close();
	local.closeConnections();
	if (instance.userFolder) rmSync(instance.userFolder, { recursive: true, force: true });
}
