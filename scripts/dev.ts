/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
/*
 * `npm run dev`: n8n 2.41.0 with this pack, rebuilt whenever a source file changes, as `n8n-node dev` offers.
 * Builds and packs the project, installs the pack the way n8n installs community packages (so the nodes keep
 * their real type names, `n8n-nodes-botlists.<name>`), starts n8n from the cached runtime (offline once
 * `npm start` or the end-to-end suite has cached it), then watches nodes/ and credentials/: on a change it
 * rebuilds, reinstalls the pack and restarts n8n, and the editor shows the change after a reload of the page.
 * A build that fails (a type error) is printed and the running n8n keeps the last good build.
 *
 *   node -r ./scripts/lib/require-ts.js scripts/dev.ts
 *
 * Settings (environment): BOTLISTS_N8N_VERSION (2.41.0), N8N_PORT (5678). The user folder, and with it the owner
 * account and the workflows made while developing, stays in the cache: <cache>/dev-n8n-<version>.
 */
import { watch, type FSWatcher } from 'node:fs';
import { join, relative } from 'node:path';
import * as local from './lib/n8n-local';
import { cacheRoot, installPackInto, type Runtime } from './lib/runtime';

const N8N_VERSION = process.env.BOTLISTS_N8N_VERSION || '2.41.0';
const PORT = Number(process.env.N8N_PORT || 5678);
/** What ships, and all the build reads: a change anywhere else (tests, docs) does not touch the pack. */
const WATCHED = ['nodes', 'credentials'];
/** Editors write a file in several steps: one rebuild for a burst of events. */
const SETTLE_MS = 400;

const say = (line: string) => console.log(`[dev] ${line}`);

/** The n8n this script runs, and whether Ctrl-C was handled (n8n's exit is then expected). */
interface Session {
	runtime: Runtime;
	userFolder: string;
	logFile: string;
	instance?: local.N8nInstance;
	stopping: boolean;
}

/** Builds, packs and installs the pack; false (after printing why) when the build fails. */
async function install({ runtime, userFolder }: Session): Promise<boolean> {
	const started = Date.now();
	try {
		const tarball = await local.packProject({ log: say });
		await installPackInto({ tarball, userFolder, runtime, log: () => {} });
	} catch (error) {
		say(
			`build failed, n8n keeps the last good build:\n${error instanceof Error ? error.message : String(error)}`,
		);
		return false;
	}
	say(`built and installed in ${Math.round((Date.now() - started) / 1000)} s`);
	return true;
}

async function start(session: Session): Promise<void> {
	const { runtime, userFolder, logFile } = session;
	session.instance = local.startN8n({ runtime, userFolder, port: PORT, logFile });
	const running = session.instance;
	void running.exited.then((code) => {
		if (session.instance === running && !session.stopping)
			say(`n8n exited (${code}); its log: ${logFile}. Save a file to try again.`);
	});
	try {
		await local.waitForWebhooks(running, []);
		// /healthz answers while n8n still loads; /healthz/readiness once the editor and the nodes are there.
		while (!(await local.answers200(`${running.baseUrl}/healthz/readiness`))) {
			if (running.child.exitCode !== null)
				throw new Error(`n8n exited:\n${running.log().slice(-2000)}`);
			await local.sleep(500);
		}
		say(
			`n8n ${N8N_VERSION} is ready at ${running.baseUrl.replace('127.0.0.1', 'localhost')} (log: ${logFile})`,
		);
	} catch (error) {
		say(`n8n did not start: ${error instanceof Error ? error.message : String(error)}`);
	}
}

/** Rebuilds and restarts: one rebuild at a time; changes made during one start one more afterwards. */
function rebuilder(session: Session): () => Promise<void> {
	let building = false;
	let again = false;
	return async () => {
		if (building) {
			again = true;
			return;
		}
		building = true;
		do {
			again = false;
			if (await install(session)) {
				say('restarting n8n with the new build');
				// Cleared first: the old process's exit is then no news.
				const previous = session.instance;
				session.instance = undefined;
				await previous?.stop();
				await start(session);
				say('reload the editor page to see the change');
			}
		} while (again);
		building = false;
	};
}

/** Watches WATCHED and calls `onChange` once a burst of changes to the pack's files settled; returns how to stop watching. */
function watchSources(onChange: () => void): () => void {
	let timer: NodeJS.Timeout | undefined;
	const watchers: FSWatcher[] = WATCHED.map((folder) =>
		watch(join(local.ROOT, folder), { recursive: true }, (_event, file) => {
			if (file === null) return;
			say(`changed: ${relative(local.ROOT, join(local.ROOT, folder, String(file)))}`);
			clearTimeout(timer);
			timer = setTimeout(onChange, SETTLE_MS);
		}),
	);
	return () => {
		for (const watcher of watchers) watcher.close();
		clearTimeout(timer);
	};
}

async function main(): Promise<void> {
	const runtime = await local.ensureRuntime({ n8nVersion: N8N_VERSION, log: say });
	const userFolder = join(cacheRoot(), `dev-n8n-${N8N_VERSION}`);
	const session: Session = {
		runtime,
		userFolder,
		logFile: join(userFolder, 'n8n.log'),
		stopping: false,
	};

	if (!(await install(session))) process.exit(1);
	await start(session);

	const rebuild = rebuilder(session);
	const unwatch = watchSources(() => void rebuild());
	say(`watching ${WATCHED.join('/ and ')}/ for changes. Ctrl-C stops n8n.`);

	// n8n runs in its own process group, so Ctrl-C does not reach it: stop it here.
	const stop = async () => {
		if (session.stopping) return;
		session.stopping = true;
		say('stopping n8n');
		unwatch();
		await session.instance?.stop();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
	console.error(`[dev] ${error instanceof Error ? error.stack || error.message : String(error)}`);
	process.exit(1);
});
