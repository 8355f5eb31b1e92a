/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console, @n8n/community-nodes/require-node-api-error -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
/*
 * `npm run screenshots`: the README's pictures, taken from a real n8n rather than drawn by hand.
 * Builds and packs this project, installs the pack into a throwaway n8n 2.41.0 (the harness of `npm start`),
 * creates the owner account over n8n's REST API, then drives Debian's Chromium with playwright-core and
 * saves PNGs into docs/images/:
 *   nodes-panel-vote.png           the nodes panel searched for "vote": every list's trigger
 *   <platform>-nodes-panel.png     the nodes panel searched for the list's name
 *   <platform>-node.png            the trigger on a canvas, its panel open: setup notice, Options
 *   <platform>-credential.png      a new credential of the list's type, fields empty
 *   example-<example>.png          the canvas of one example workflow
 * The lists are test/registry.ts's. Chromium comes from Debian (playwright's own browser download needs
 * the internet these machines lack).
 *
 *   node -r ./scripts/lib/require-ts.js scripts/screenshots.ts
 */
import { mkdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { LISTS } from '../test/registry';
import type { Credentials } from '../test/shared/kit';
import type { ExampleWorkflow } from './lib/demo';
import {
	chromiumMissing,
	closeToasts,
	EditorSession,
	EDITOR_N8N_VERSION,
	exampleFromFile,
	fillCredential,
	newWorkflowPage,
	openNewCredentialDialog,
	openNodesPanel,
	openWorkflow,
	panelEntry,
	searchNodes,
	textOf,
} from './lib/editor';
import * as local from './lib/n8n-local';

const OUT_DIR = join(local.ROOT, 'docs', 'images');
const VIEWPORT = { width: 1440, height: 900 };
/** The example whose canvas is pictured, by file name in examples/. */
const EXAMPLE_FILE = 'thank-voters-on-discord.json';
/** n8n fits a two-node workflow at 100 %, small in a 1440 px window: a couple of zoom-in clicks. */
const EXAMPLE_ZOOM_IN_STEPS = 2;
/** Shown in the Webhook URLs section instead of a random localhost port: what a real instance would show. */
const PUBLIC_URL = 'https://n8n.example.com/';

interface PicturedList {
	/** In file names: `kit.platform.name`. */
	key: string;
	/** As n8n shows it (`<name> Trigger`, searched for): `kit.platform.displayName`. */
	name: string;
	/** Typed into the credential dialog. */
	secrets: Credentials;
}
/** In the registry's order, which is also the search order. */
const PLATFORMS: readonly PicturedList[] = LISTS.map((kit) => ({
	key: kit.platform.name,
	name: kit.platform.displayName,
	secrets: kit.demoCredentials,
}));

const started = Date.now();
/** Set by Ctrl-C / SIGTERM: the signal handler then cleans up and exits, and the aborted steps stay quiet. */
let interrupted = false;
const elapsed = () => `${Math.round((Date.now() - started) / 1000)}s`;
const say = (line: string) => console.log(`[screenshots ${elapsed()}] ${line}`);

/** Runs one named step, printing a line every 15 s while it is quiet so nobody stares at a silent terminal. */
async function step<T>(name: string, fn: () => Promise<T>): Promise<T> {
	say(`${name}...`);
	const stepStarted = Date.now();
	const beat = setInterval(
		() => say(`  ... still: ${name} (${Math.round((Date.now() - stepStarted) / 1000)}s)`),
		15_000,
	);
	try {
		return await fn();
	} finally {
		clearInterval(beat);
	}
}

/** Saves a screenshot of the whole viewport and reports its size. */
async function shoot(page: Page, name: string): Promise<void> {
	await settle(page);
	const file = join(OUT_DIR, name);
	// animations: 'disabled' finishes n8n's fade-ins, so nothing is caught half transparent.
	await page.screenshot({ path: file, animations: 'disabled' });
	say(`  saved docs/images/${name} (${Math.round(statSync(file).size / 1024)} KB)`);
}

/** The little of the browser's DOM that settle() reads: the type check runs without lib.dom. */
interface SettleWindow {
	document: {
		fonts: { ready: Promise<unknown> };
		images: ArrayLike<{
			complete: boolean;
			addEventListener(type: 'load', listener: () => void, options: { once: true }): void;
		}>;
	};
}

/** Before a picture: no hover effect, fonts and icons loaded. Clicks nothing, so open dropdowns stay open. */
async function settle(page: Page): Promise<void> {
	// A pointer left over a field shows its Fixed/Expression toggle; park it on the window's bottom-left pixel.
	await page.mouse.move(1, VIEWPORT.height - 1);
	// Runs in the browser: playwright sends the function's source, so it may use nothing from this module.
	await page.evaluate(async () => {
		const { document } = globalThis as unknown as SettleWindow;
		await document.fonts.ready;
		const pending = Array.from(document.images).filter((image) => !image.complete);
		await Promise.all(
			pending.map(
				(image) =>
					new Promise<void>((resolve) =>
						image.addEventListener('load', () => resolve(), { once: true }),
					),
			),
		);
	});
	await page.waitForTimeout(300); // a last layout pass after the above
}

/**
 * The nodes panel searched for "vote" and for each list, all on one empty workflow: no node is added,
 * so n8n saves nothing and the header keeps saying "My workflow".
 */
async function nodesPanelShots(context: BrowserContext, baseUrl: string): Promise<void> {
	const page = await newWorkflowPage(context, baseUrl);
	await openNodesPanel(page);
	await searchNodes(
		page,
		'vote',
		PLATFORMS.map((platform) => platform.name),
	);
	await shoot(page, 'nodes-panel-vote.png');
	for (const { key, name } of PLATFORMS) {
		await searchNodes(page, name, [name]);
		await shoot(page, `${key}-nodes-panel.png`);
	}
	await page.close();
}

/**
 * Saves the demo secrets so the panel looks as it does in use: credential chosen, the trigger's
 * "Pull in events from ..." help on the left. Saving also runs the node's own credential test.
 */
async function saveCredential(page: Page, { name, secrets }: PicturedList): Promise<void> {
	const dialog = page.getByTestId('editCredential-modal');
	await fillCredential(dialog, secrets);
	await dialog.getByTestId('credential-save-button').click();
	// n8n closes the dialog by itself once the credential is saved and passed its test; on a failure it stays.
	if (
		!(await dialog.waitFor({ state: 'hidden', timeout: 15_000 }).then(
			() => true,
			() => false,
		))
	) {
		say(
			`  WARNING: the ${name} credential dialog stayed open after Save: ${(await textOf(dialog)).slice(0, 300)}`,
		);
		await dialog.getByRole('button', { name: 'Close this dialog' }).click();
		await dialog.waitFor({ state: 'hidden' });
	}
}

/** A list's trigger on a new canvas: its credential dialog (empty), then its node panel. */
async function nodeShots(
	context: BrowserContext,
	baseUrl: string,
	platform: PicturedList,
): Promise<void> {
	const { key, name, secrets } = platform;
	const page = await newWorkflowPage(context, baseUrl);
	await openNodesPanel(page);
	await searchNodes(page, name, [name]);
	// A community node opens its details first; "Add to workflow" puts it on the canvas and opens its panel. A
	// trigger with Trigger On lists its events instead ("On all events", "On vote", ...): the first adds it as a new node is by default.
	await panelEntry(page, name).first().click();
	const addButton = page.getByRole('button', { name: 'Add to workflow' });
	const allEvents = page.getByText(/^On all events$/i);
	await addButton.or(allEvents).first().waitFor();
	if (await addButton.isVisible()) await addButton.click();
	else await allEvents.click();
	const ndv = page.getByTestId('ndv');
	await ndv.getByText('Options', { exact: true }).waitFor();

	const dialog = await openNewCredentialDialog(page);
	for (const field of Object.keys(secrets))
		await dialog.getByTestId(`parameter-input-${field}`).waitFor();
	await shoot(page, `${key}-credential.png`);
	await saveCredential(page, platform);

	// The node panel: the Production URL the notice talks about, the notice, and the Options list open.
	await closeToasts(page);
	await ndv.getByText('Webhook URLs').click();
	await ndv.getByText('Production URL', { exact: true }).click();
	await ndv.getByText(`${PUBLIC_URL}webhook/`).waitFor();
	await ndv.getByPlaceholder('Add Option').click();
	await page
		.locator('.el-select-dropdown__item')
		.filter({ hasText: 'Ignore Test Deliveries' })
		.waitFor();
	await shoot(page, `${key}-node.png`);

	await page.close();
}

/** The canvas of the example workflow, as it opens, zoomed in a little so the nodes read well. */
async function exampleShot(
	context: BrowserContext,
	baseUrl: string,
	example: ExampleWorkflow,
): Promise<void> {
	const page = await openWorkflow(context, baseUrl, example);
	for (let click = 0; click < EXAMPLE_ZOOM_IN_STEPS; click++)
		await page.getByTestId('zoom-in-button').click();
	await shoot(page, `example-${basename(EXAMPLE_FILE, '.json')}.png`);
	await page.close();
}

/**
 * The pictured example and only the credentials it uses: every other credential type stays empty, so adding
 * a trigger shows n8n's "Connect to ..." button as a new user sees it. Nothing runs here, so the example's
 * outbound URLs point at a closed local port.
 */
const picturedExample = () =>
	exampleFromFile(EXAMPLE_FILE, {
		rewardUrl: 'http://127.0.0.1:9/rewards',
		discordWebhookUrl: 'http://127.0.0.1:9/discord',
	});

/** What the browser showed when it went wrong, and n8n's last words: the quickest clues. */
async function reportFailure(session: EditorSession): Promise<void> {
	for (const file of await session.screenshotPages('screenshots-failure'))
		say(`the page at the failure: ${file}`);
	if (session.instance) say(`n8n's log ends with:\n${session.instance.log().slice(-2000)}`);
}

async function main(): Promise<void> {
	const missing = chromiumMissing();
	if (missing) {
		console.error(`[screenshots] ${missing}`);
		process.exit(1);
	}
	const session = new EditorSession(say);
	// n8n runs in its own process group, so Ctrl-C would not reach it: stop it and Chromium here, once,
	// whether the run succeeds, fails or is interrupted.
	const stopAll = () => step('stopping Chromium and n8n', () => session.close());
	for (const signal of ['SIGINT', 'SIGTERM'] as const) {
		process.once(signal, () => {
			interrupted = true;
			say(`${signal}: interrupted`);
			void stopAll().finally(() => process.exit(130));
		});
	}

	try {
		const { example, credentials } = picturedExample();
		await step(
			`starting n8n ${EDITOR_N8N_VERSION} with the pack (cached after the first run), Chromium, the owner account`,
			() => session.start({ example, credentials, env: { N8N_WEBHOOK_URL: PUBLIC_URL } }),
		);
		mkdirSync(OUT_DIR, { recursive: true });

		await step('nodes panel searched for "vote" and for each list', () =>
			nodesPanelShots(session.context, session.baseUrl),
		);
		for (const platform of PLATFORMS) {
			await step(`${platform.name}: credential dialog and node panel`, () =>
				nodeShots(session.context, session.baseUrl, platform),
			);
		}
		await step(`canvas of examples/${EXAMPLE_FILE}`, () =>
			exampleShot(session.context, session.baseUrl, example),
		);
	} catch (error) {
		if (!interrupted) await reportFailure(session);
		throw error;
	} finally {
		await stopAll();
	}
	say(`done: ${2 + PLATFORMS.length * 3} screenshots in docs/images/`);
}

main().catch((error: unknown) => {
	if (interrupted) return; // exits with 130 once n8n and Chromium are stopped
	console.error(
		`[screenshots] FAILED: ${error instanceof Error ? error.stack || error.message : String(error)}`,
	);
	process.exit(1);
});
