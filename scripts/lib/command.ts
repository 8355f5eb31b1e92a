/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
/* Running a command with streamed, counted progress lines and a failure tail; the environment children get. */
import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';

export type Log = (line: string) => void;
/** Environment variables a caller adds to a child's environment. */
export type EnvAdditions = Readonly<Record<string, string>>;

/** Output lines a progress line counts, e.g. npm's one `http ... .tgz` line per package it unpacks. */
export interface ProgressCounter {
	pattern: RegExp;
	/** "packages unpacked": printed after the count. */
	noun: string;
}

export interface RunOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	/** Receives the command's output line by line (but the chatty lines) and the progress lines. */
	log: Log;
	/** How the command is named in progress lines and errors; the command line by default. */
	label?: string;
	/** How long the command took when measured on 2 cores, cold: progress lines show it beside the elapsed time. */
	typicalSeconds?: number;
	/** Counted in the progress lines; counted lines are not shown one by one. */
	counters?: readonly ProgressCounter[];
	timeoutMs?: number;
}

/** A command of `run` failed; `outputTail` holds its last output lines, for callers that logged nothing. */
export class CommandFailed extends Error {
	constructor(
		message: string,
		readonly outputTail: string,
	) {
		super(message);
		this.name = 'CommandFailed';
	}
}

/** A progress line after this long without output: often enough to see the counts move. */
export const HEARTBEAT_MS = 10_000;
const TAIL_LINES = 60;

/**
 * The environment for a child process, with `extra` added. It drops npm_* and INIT_CWD, inherited when this
 * runs under `npm run` / `npm test`, so the parent project's npm config (prefix, local_prefix, ...) cannot leak
 * into the cache installs; and NODE_ENV, NODE_OPTIONS and JEST_*, because a test runner's NODE_ENV=test makes
 * n8n exit at start and the others belong to the runner.
 */
export function childEnv(extra: EnvAdditions = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [name, value] of Object.entries(process.env)) {
		if (/^npm_/i.test(name) || name === 'INIT_CWD') continue;
		if (name === 'NODE_ENV' || name === 'NODE_OPTIONS' || /^JEST_/.test(name)) continue;
		env[name] = value;
	}
	return { ...env, ...extra };
}

/**
 * Lines too chatty to stream (hundreds of ERESOLVE warnings from n8n's tree, node-gyp's argument dumps, the C
 * compiler's warnings on sqlite's source with their quoted lines): counted and kept in the failure tail, not
 * shown live, so the progress lines stay readable.
 */
const CHATTY =
	/^(npm warn|npm timing|gyp info)|^\S+\.(c|cc|h): (In function|At top level)|^\S+\.(c|cc|h):\d+:\d+: (warning|note)|^\s*\d*\s+\|/;

/** Calls `onLine` for every line of `stream`, the last one included even without a newline. */
function forEachLine(stream: Readable, onLine: (line: string) => void): void {
	let partial = ''; // chunks can end mid-line
	stream.setEncoding('utf8'); // and mid-character
	stream.on('data', (text: string) => {
		const lines = (partial + text).split(/\r?\n|\r/);
		partial = lines.pop() ?? '';
		lines.forEach(onLine);
	});
	stream.on('end', () => onLine(partial));
}

/** "1 min 05 s", "40 s": how the progress lines and README state durations. */
export function minutesAndSeconds(seconds: number): string {
	const whole = Math.round(seconds);
	return whole < 60
		? `${whole} s`
		: `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
}

/** "installing n8n 2.41.0: 2 min 10 s of about 5 min 16 s, 1804 manifests read, 2363 packages fetched, 812 unpacked". */
function progressLine(
	label: string,
	elapsedSeconds: number,
	typicalSeconds: number | undefined,
	counts: string[],
): string {
	const typical =
		typicalSeconds === undefined ? '' : ` of about ${minutesAndSeconds(typicalSeconds)}`;
	return `[n8n-runtime] ${label}: ${minutesAndSeconds(elapsedSeconds)}${typical}${counts.map((count) => `, ${count}`).join('')}`;
}

/** What a running command has printed so far, as `run` reports it. */
interface Output {
	/** The last TAIL_LINES lines, shown when the command fails. */
	tail: string[];
	/** Lines each of the counters matched. */
	counts: number[];
	/** Chatty lines left out. */
	hidden: number;
	/** When a line was last logged: a progress line is due after HEARTBEAT_MS of quiet. */
	lastShown: number;
}

/** Logs the streams' lines as they come, but counted and chatty ones; the returned Output keeps up with them. */
function followOutput(
	streams: readonly Readable[],
	counters: readonly ProgressCounter[],
	log: Log,
): Output {
	const output: Output = {
		tail: [],
		counts: counters.map(() => 0),
		hidden: 0,
		lastShown: Date.now(),
	};
	const onLine = (line: string) => {
		if (!line.trim()) return;
		output.tail.push(line);
		if (output.tail.length > TAIL_LINES) output.tail.shift();
		const counter = counters.findIndex(({ pattern }) => pattern.test(line));
		if (counter >= 0) {
			output.counts[counter]++;
			return;
		}
		if (CHATTY.test(line)) {
			output.hidden++;
			return;
		}
		log(`  | ${line}`);
		output.lastShown = Date.now();
	};
	for (const stream of streams) forEachLine(stream, onLine);
	return output;
}

/** A progress line whenever the command has been quiet for HEARTBEAT_MS; the caller clears the interval. */
function heartbeat(
	output: Output,
	started: number,
	{
		label,
		typicalSeconds,
		counters,
		log,
	}: Required<Pick<RunOptions, 'label' | 'counters'>> & Pick<RunOptions, 'typicalSeconds' | 'log'>,
): NodeJS.Timeout {
	return setInterval(() => {
		if (Date.now() - output.lastShown < HEARTBEAT_MS) return;
		const shownCounts = counters.map(({ noun }, index) => `${output.counts[index]} ${noun}`);
		log(progressLine(label, (Date.now() - started) / 1000, typicalSeconds, shownCounts));
		output.lastShown = Date.now();
	}, 1000);
}

/**
 * Runs a command, streaming its output to `log` line by line, with a progress line when it goes quiet (elapsed
 * time against the measured one, and what `counters` counted) so that nobody stares at minutes of silence.
 * Resolves with the seconds it took. On failure it logs the output's tail and rejects with a CommandFailed that
 * carries the tail too, for callers that pass a quiet `log`.
 */
export function run(cmd: string, args: readonly string[], options: RunOptions): Promise<number> {
	const {
		cwd,
		env,
		log,
		label = `${cmd} ${args.join(' ')}`,
		typicalSeconds,
		counters = [],
		timeoutMs = 30 * 60_000,
	} = options;
	return new Promise((resolvePromise, reject) => {
		const started = Date.now();
		const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
		const output = followOutput([child.stdout, child.stderr], counters, log);
		const beat = heartbeat(output, started, { label, typicalSeconds, counters, log });
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		let settled = false;
		const done = (failure: string | null) => {
			if (settled) return; // 'error' and 'close' can both fire
			settled = true;
			clearInterval(beat);
			clearTimeout(timer);
			const { tail, hidden } = output;
			if (hidden)
				log(`  | (${hidden} lines not shown: npm warn, npm timing, gyp info, compiler warnings)`);
			if (failure === null) return resolvePromise(Math.round((Date.now() - started) / 1000));
			log(
				`[n8n-runtime] FAILED: ${label} (in ${cwd ?? process.cwd()})\n  last output:\n${tail.map((line) => `  > ${line}`).join('\n')}`,
			);
			reject(new CommandFailed(failure, tail.join('\n')));
		};
		child.on('error', (error) => done(`${label}: ${error.message}`));
		child.on('close', (code, signal) =>
			done(code === 0 ? null : `${label} exited with ${signal || code}`),
		);
	});
}
