/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- a test run by Jest, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
import { spawn } from 'child_process';
import { join } from 'path';

/*
 * `npm run test:faults` in small (docs/scaling.md, "Faults"): the queue-mode stack under the faults every list's
 * retries cover (a webhook process and a worker killed, main restarted), 10 votes per list each, its checks
 * as the full run makes them. The full run (1,000 votes per scenario, the five faults) is `npm run test:faults`.
 */
const ROOT = join(__dirname, '..', '..');

function runFaults(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
	return new Promise((resolve) => {
		const child = spawn(
			process.execPath,
			['-r', './scripts/lib/require-ts.js', 'scripts/faults.ts'],
			{ cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
		);
		let output = '';
		const keep = (chunk: Buffer) => {
			output += chunk.toString();
			process.stderr.write(chunk);
		};
		child.stdout.on('data', keep);
		child.stderr.on('data', keep);
		child.on('exit', (code) => resolve({ code, output }));
	});
}

describe('npm run test:faults, in small', () => {
	jest.setTimeout(20 * 60_000);

	it('a killed webhook process, a killed worker and a main restart double no reward, and lose none the pack could keep', async () => {
		const { code, output } = await runFaults({
			BOTLISTS_FAULTS_VOTES: '140',
			BOTLISTS_FAULTS_SCENARIOS: '1,2,4',
			BOTLISTS_FAULTS_DEADLINE_MINUTES: '15',
		});
		const summary =
			output.match(/^scenario \d: \d+ sent, \d+ rewarded once, \d+ lost, \d+ doubled$/gm) ?? [];
		expect(summary).toHaveLength(3);
		expect(summary.every((line) => line.endsWith(', 0 doubled'))).toBe(true);
		expect(output).not.toMatch(/\bFAIL\b/);
		expect(code).toBe(0);
	});
});
