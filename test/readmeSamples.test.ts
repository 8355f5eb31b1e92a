/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- a test run by Jest, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { LISTS } from './registry';
import type { ListKit } from './shared/kit';
import { deliver } from './helpers/deliver';

/**
 * docs/sample-items.md (README.md's "Sample items" links it) shows per list what the node emits for the list's
 * sample delivery, received at a fixed time. This test fails when they drift apart;
 * `UPDATE_README=1 npx jest test/readmeSamples` rewrites them.
 */
const README = join(__dirname, '..', 'docs', 'sample-items.md');
const START =
	'<!-- sample items: written by test/readmeSamples.test.ts, UPDATE_README=1 rewrites them -->';
const END = '<!-- end of sample items -->';
/** The receive time of every sample: what a list leaves to the receive time (an id, a vote time) is shown for it. */
const RECEIVED_AT = Date.parse('2026-03-01T12:00:00.000Z');

async function sampleItem(kit: ListKit): Promise<Record<string, unknown>> {
	const body = kit.examples[kit.sample];
	jest.useFakeTimers({
		now: RECEIVED_AT,
		doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'],
	});
	try {
		const answer = await deliver(new kit.Node(), {
			headers: kit.sign(body, kit.credentials),
			body,
			credentials: { ...kit.credentials },
		});
		return { ...answer.items[0], raw: '(the payload as received)' };
	} finally {
		jest.useRealTimers();
	}
}

async function samplesMarkdown(): Promise<string> {
	const sections: string[] = [];
	for (const kit of LISTS) {
		const item = await sampleItem(kit);
		sections.push(
			`<details><summary>${kit.platform.displayName}: <code>${kit.sample}</code></summary>\n\n\`\`\`json\n${JSON.stringify(item, null, 2)}\n\`\`\`\n\n</details>`,
		);
	}
	return `${START}\n${sections.join('\n')}\n${END}`;
}

describe('docs/sample-items.md', () => {
	it("shows each list's sample item as the node emits it", async () => {
		const readme = readFileSync(README, 'utf8');
		const start = readme.indexOf(START);
		const end = readme.indexOf(END);
		expect([start >= 0, end > start]).toEqual([true, true]);
		const expected = await samplesMarkdown();
		if (process.env.UPDATE_README === '1')
			writeFileSync(README, readme.slice(0, start) + expected + readme.slice(end + END.length));
		else expect(readme.slice(start, end + END.length)).toBe(expected);
	});
});
