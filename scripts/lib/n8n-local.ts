/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console, @n8n/community-nodes/require-node-api-error -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
/*
 * A real n8n with this pack installed the way n8n installs community packages: used by `npm start`, the
 * screenshots, the end-to-end suite, the queue-mode run and the benchmark. Everything here drives n8n's own
 * CLI and HTTP server; nothing is mocked.
 */
import { createHash } from 'node:crypto';
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { majorOf, n8nEnv } from './n8n-process';
import { installAsReadmeSays, installPackInto, type Runtime } from './runtime';
import { CommandFailed, childEnv, run, type EnvAdditions, type Log } from './command';

// The whole harness in one place for its callers (`local.*`): each part lives in a module of its own.
export { ensureRuntime } from './runtime';
export { startRecorder } from './recorder';
export { executionStatuses } from './sqlite';
export {
	answers200,
	closeConnections,
	freePort,
	pool,
	post,
	sleep,
	type PostAnswer,
	type PostRequest,
} from './n8n-http';
export { startN8n, waitForWebhooks, type N8nInstance, type StartOptions } from './n8n-process';

/** The repository's root. */
export const ROOT = join(__dirname, '..', '..');

const quiet: Log = () => {};

/** A credential as `n8n import:credentials` reads it. */
export interface CredentialJson {
	id: string;
	name: string;
	type: string;
	data: Readonly<Record<string, unknown>>;
}

/** A workflow as `n8n import:workflow` reads it; this module only needs its id and name. */
export type WorkflowJson = { id: string; name: string; [field: string]: unknown };

/**
 * Builds the pack and `npm pack`s it, exactly what would be published. Returns the tarball's path, in a
 * temporary folder that goes when this process exits (Ctrl-C included), so that no run leaves one behind.
 */
export async function packProject({ log = console.error }: { log?: Log } = {}): Promise<string> {
	const out = mkdtempSync(join(tmpdir(), 'botlists-pack-'));
	process.once('exit', () => rmSync(out, { recursive: true, force: true }));
	log('[n8n-local] building and packing n8n-nodes-botlists');
	// The project's .npmrc sets ignore-scripts, which also skips `prepack`: build explicitly.
	await run('npm', ['run', 'build', '--silent'], { cwd: ROOT, env: childEnv(), log: quiet });
	await run('npm', ['pack', '--pack-destination', out, '--silent'], {
		cwd: ROOT,
		env: childEnv(),
		log: quiet,
	});
	const tarball = readdirSync(out).find((file) => file.endsWith('.tgz'));
	if (!tarball) throw new Error('npm pack produced no tarball');
	return join(out, tarball);
}

/**
 * Runs an n8n CLI command quietly; on failure the error carries the command's last output lines.
 * `env` is added to n8n's environment, e.g. the database settings of a queue-mode setup.
 */
async function cli(
	runtime: Runtime,
	userFolder: string,
	args: readonly string[],
	env: EnvAdditions,
): Promise<void> {
	try {
		await run(runtime.nodeBin, [runtime.n8nBin, ...args], {
			cwd: userFolder,
			env: n8nEnv(runtime, userFolder, env),
			log: quiet,
		});
	} catch (error) {
		const detail =
			error instanceof CommandFailed
				? error.outputTail
				: error instanceof Error
					? error.message
					: String(error);
		throw new Error(`n8n ${args.join(' ')} failed:\n${detail}`);
	}
}

export interface PrepareOptions<Workflow extends WorkflowJson = WorkflowJson> {
	runtime: Runtime;
	tarball: string;
	userFolder: string;
	credentials: readonly CredentialJson[];
	workflows: readonly Workflow[];
	/** Which workflows to publish (n8n 2.x) or activate (1.x); every one by default. The others are only imported. */
	publish?: (workflow: Workflow) => boolean;
	/** Passed to every CLI command: the same database settings the processes will run with. */
	env?: EnvAdditions;
	log?: Log;
	/** How the pack is installed: as n8n's Community Nodes panel does (the default), or as README.md tells a user to. */
	install?: 'as n8n does' | 'as README.md says';
}

/**
 * The fingerprint of what an instance imports and publishes; the database settings count only when there are
 * some, and the published workflows only when some are left unpublished.
 */
function importsFingerprint<Workflow extends WorkflowJson>({
	credentials,
	workflows,
	publish,
	env = {},
}: PrepareOptions<Workflow>): string {
	const imported: unknown[] = [credentials, workflows];
	if (Object.keys(env).length) imported.push(env);
	const published = workflows.filter(publish ?? (() => true));
	if (published.length < workflows.length)
		imported.push({ published: published.map((workflow) => workflow.id) });
	return createHash('sha256').update(JSON.stringify(imported)).digest('hex');
}

/** Writes the credentials and workflows where the import commands read them, every workflow inactive. */
function writeImports(
	userFolder: string,
	credentials: readonly CredentialJson[],
	workflows: readonly WorkflowJson[],
) {
	const credentialsFile = join(userFolder, 'credentials.json');
	const workflowsDir = join(userFolder, 'workflows');
	writeFileSync(credentialsFile, JSON.stringify(credentials, null, 2));
	rmSync(workflowsDir, { recursive: true, force: true });
	mkdirSync(workflowsDir);
	for (const workflow of workflows)
		writeFileSync(
			join(workflowsDir, `${workflow.id}.json`),
			JSON.stringify({ ...workflow, active: false }),
		);
	return { credentialsFile, workflowsDir };
}

/** Publishes (n8n 2.x) or activates (1.x) the given imported workflows; `all` when they are every one imported. */
async function enableWorkflows(
	runtime: Runtime,
	userFolder: string,
	workflows: readonly WorkflowJson[],
	all: boolean,
	env: EnvAdditions,
	log: Log,
) {
	if (majorOf(runtime) >= 2) {
		for (const workflow of workflows) {
			log(`[n8n-local] publishing "${workflow.name}"`);
			await cli(runtime, userFolder, ['publish:workflow', `--id=${workflow.id}`], env);
		}
	} else {
		log('[n8n-local] activating the workflows');
		// One CLI run (an n8n boot each) for all of them when it can.
		if (all) await cli(runtime, userFolder, ['update:workflow', '--all', '--active=true'], env);
		else
			for (const workflow of workflows)
				await cli(
					runtime,
					userFolder,
					['update:workflow', `--id=${workflow.id}`, '--active=true'],
					env,
				);
	}
}

/**
 * A fresh n8n user folder holding the packed tarball, the given credentials and workflows, each workflow
 * `publish` picks (every one by default) published (n8n 2.x) or activated (1.x), all before n8n starts, as
 * real-n8n.md prescribes.
 */
export async function prepareInstance<Workflow extends WorkflowJson>(
	options: PrepareOptions<Workflow>,
): Promise<void> {
	const {
		runtime,
		tarball,
		userFolder,
		credentials,
		workflows,
		publish = () => true,
		env = {},
		log = console.error,
	} = options;
	mkdirSync(userFolder, { recursive: true });
	if (options.install === 'as README.md says')
		await installAsReadmeSays({ tarball, userFolder, runtime, log: quiet });
	else await installPackInto({ tarball, userFolder, runtime, log: quiet });

	// A kept user folder (npm start) keeps its owner account and data while the imports stay the same;
	// n8n cannot re-import over a published workflow, so changed imports start from a new database.
	const importsFile = join(userFolder, 'imports.sha256');
	const imports = importsFingerprint(options);
	if (existsSync(importsFile) && readFileSync(importsFile, 'utf8') === imports) {
		log('[n8n-local] workflows and credentials already imported');
		return;
	}
	for (const file of ['database.sqlite', 'database.sqlite-wal', 'database.sqlite-shm'])
		rmSync(join(userFolder, '.n8n', file), { force: true });
	const { credentialsFile, workflowsDir } = writeImports(userFolder, credentials, workflows);
	log(
		`[n8n-local] importing ${credentials.length} credentials and ${workflows.length} workflows into n8n ${runtime.version}`,
	);
	await cli(runtime, userFolder, ['import:credentials', `--input=${credentialsFile}`], env);
	await cli(runtime, userFolder, ['import:workflow', '--separate', `--input=${workflowsDir}`], env);
	const published = workflows.filter(publish);
	await enableWorkflows(
		runtime,
		userFolder,
		published,
		published.length === workflows.length,
		env,
		log,
	);
	writeFileSync(importsFile, imports);
}
