/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
/*
 * Cold start: what n8n's loader does with the pack at start-up, in fresh processes: require every node and
 * credential file listed in the pack's package.json and instantiate its class. n8n-workflow and zod are
 * loaded before the clock starts: n8n has loaded them long before it reaches community packages.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spread, type Spread } from '../../scripts/lib/stats';

/** The part of a package.json that tells n8n what to load. */
interface N8nSection {
	n8n: { nodes: string[]; credentials: string[] };
}

export interface ColdStartOptions {
	/** The Node.js that runs the processes: n8n's own, for figures that hold inside n8n. */
	nodeBin?: string;
	/** The installed pack: the folder holding its package.json. */
	packDir: string;
	/** The processes' environment; NODE_PATH lets them find n8n's n8n-workflow and zod. */
	env?: NodeJS.ProcessEnv;
	processes?: number;
}

/** Milliseconds per process, `median [min-max]`, and what each process loaded. */
export interface ColdStart extends Spread {
	processes: number;
	nodes: number;
	credentials: number;
}

/** The program each fresh process runs: load the dependencies, then time loading and instantiating `files`. */
function loaderScript(files: readonly string[]): string {
	return `
		require('n8n-workflow'); require('zod');
		const t0 = process.hrtime.bigint();
		for (const file of ${JSON.stringify(files)}) {
			const exported = require(file);
			for (const Type of Object.values(exported)) new Type();
		}
		process.stdout.write(String(Number(process.hrtime.bigint() - t0) / 1e6));`;
}

export function measureColdStart({
	nodeBin = process.execPath,
	packDir,
	env = process.env,
	processes = 7,
}: ColdStartOptions): ColdStart {
	const { n8n } = JSON.parse(readFileSync(join(packDir, 'package.json'), 'utf8')) as N8nSection; // the pack's own manifest
	const files = [...n8n.nodes, ...n8n.credentials].map((file) => join(packDir, file));
	const script = loaderScript(files);
	const runs = Array.from({ length: processes }, () =>
		Number(execFileSync(nodeBin, ['-e', script], { cwd: packDir, env, encoding: 'utf8' })),
	);
	return {
		...spread(runs),
		processes,
		nodes: n8n.nodes.length,
		credentials: n8n.credentials.length,
	};
}
