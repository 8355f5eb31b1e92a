/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
/*
 * n8n's editor in a real browser: Debian's Chromium driven by playwright-core against a throwaway n8n 2.41.0
 * that has this pack installed. Shared by `npm run screenshots` and the editor's end-to-end test.
 * The selectors follow n8n 2.41.0's editor (its `data-test-id` hooks); n8n 1.x lays the editor out otherwise.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
	chromium,
	selectors,
	type Browser,
	type BrowserContext,
	type Locator,
	type Page,
} from 'playwright-core';
import type { Credentials } from '../../test/shared/kit';
import { exampleCredentials, loadExamples, triggerOf, type ExampleWorkflow } from './demo';
import * as local from './n8n-local';
import type { Log } from './command';

/** The n8n version whose editor the selectors here follow. */
export const EDITOR_N8N_VERSION = '2.41.0';
/** Debian's Chromium: playwright's own browser download needs the internet these machines lack. */
export const CHROMIUM = '/usr/bin/chromium';
/** A throwaway owner for a throwaway instance. */
export const OWNER = {
	email: 'owner@example.com',
	firstName: 'Demo',
	lastName: 'Owner',
	password: 'Throwaway-2026',
};

/** Why the browser cannot start here, with the command that fixes it; undefined when Chromium is installed. */
export function chromiumMissing(): string | undefined {
	if (existsSync(CHROMIUM)) return undefined;
	return `${CHROMIUM} not found. The editor is driven with Debian's Chromium (playwright cannot download its own here).\nInstall it:\n\n    apt-get update && apt-get install -y chromium\n`;
}

/** Headless Chromium, leaving Ctrl-C to the caller: playwright's own handler would exit at once, leaving n8n running. */
export function launchChromium(): Promise<Browser> {
	selectors.setTestIdAttribute('data-test-id'); // n8n's test hooks
	return chromium.launch({
		executablePath: CHROMIUM,
		handleSIGINT: false,
		handleSIGTERM: false,
		handleSIGHUP: false,
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
}

/** One example workflow of examples/ (by file name) and only the credentials it uses. */
export function exampleFromFile(
	file: string,
	urls: { rewardUrl: string; discordWebhookUrl: string },
) {
	const exampleId: unknown = JSON.parse(
		readFileSync(join(local.ROOT, 'examples', file), 'utf8'),
	).id;
	const example = loadExamples({ rewardUrl: urls.rewardUrl }).find(
		(workflow) => workflow.id === exampleId,
	);
	if (!example) throw new Error(`examples/${file} not found among the loaded examples`);
	const used = new Set(
		example.nodes.flatMap((node) =>
			Object.values(node.credentials ?? {}).map((credential) => credential.id),
		),
	);
	const credentials = exampleCredentials({ discordWebhookUrl: urls.discordWebhookUrl }).filter(
		(credential) => used.has(credential.id),
	);
	return { example, credentials };
}

/**
 * A throwaway n8n with the packed pack and one example workflow, and the browser that drives its editor.
 * `close()` stops whatever has started so far and removes its folders, once, from any path: success, failure
 * or a signal half way through `start()`.
 */
export class EditorSession {
	instance: local.N8nInstance | undefined;
	browser: Browser | undefined;
	context!: BrowserContext;
	private readonly folders: string[] = [];
	private closing: Promise<void> | undefined;

	constructor(private readonly log: Log) {}

	get baseUrl(): string {
		if (!this.instance) throw new Error('n8n has not started');
		return this.instance.baseUrl;
	}

	/**
	 * Packs the project, installs it into a new user folder with `example` and `credentials` (published, as the
	 * harness does), starts n8n on free ports, starts Chromium and creates the owner account, whose cookie the
	 * browser context then holds: no login form.
	 */
	async start({
		example,
		credentials,
		env = {},
	}: {
		example: ExampleWorkflow;
		credentials: readonly local.CredentialJson[];
		env?: Record<string, string>;
	}): Promise<void> {
		const runtime = await local.ensureRuntime({ n8nVersion: EDITOR_N8N_VERSION, log: this.log });
		const tarball = await local.packProject({ log: () => {} });
		this.folders.push(dirname(tarball));
		const userFolder = mkdtempSync(join(tmpdir(), 'botlists-editor-'));
		this.folders.push(userFolder);
		this.log(`[editor] n8n user folder ${userFolder}`);
		await local.prepareInstance({
			runtime,
			tarball,
			userFolder,
			credentials,
			workflows: [example],
			log: this.log,
		});
		const instance = local.startN8n({
			runtime,
			userFolder,
			port: await local.freePort(),
			// Its own task broker port too: the default 5679 may belong to another n8n running on this machine.
			env: { N8N_RUNNERS_BROKER_PORT: String(await local.freePort()), ...env },
			logFile: join(userFolder, 'n8n.log'),
		});
		this.instance = instance;
		await local.waitForWebhooks(instance, [triggerOf(example).path], { log: this.log });
		this.browser = await launchChromium();
		this.context = await this.browser.newContext({
			viewport: { width: 1440, height: 900 },
			deviceScaleFactor: 1,
			locale: 'en-US',
		});
		this.context.setDefaultTimeout(30_000);
		await setUpOwner(this.context, instance.baseUrl);
	}

	/** Every open page as a PNG in a new temporary folder (kept, for the one reading the log); returns their paths. */
	async screenshotPages(label: string): Promise<string[]> {
		const pages = this.browser?.contexts().flatMap((context) => context.pages()) ?? [];
		if (pages.length === 0) return [];
		const folder = mkdtempSync(
			join(tmpdir(), `botlists-editor-${label.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}-`),
		);
		const files: string[] = [];
		for (const [index, page] of pages.entries()) {
			const file = join(folder, `page-${index + 1}.png`);
			if (
				await page.screenshot({ path: file, fullPage: true }).then(
					() => true,
					() => false,
				)
			)
				files.push(file);
		}
		return files;
	}

	close(): Promise<void> {
		return (this.closing ??= (async () => {
			await this.browser?.close().catch(() => {});
			await this.instance?.stop();
			local.closeConnections();
			for (const folder of this.folders) rmSync(folder, { recursive: true, force: true });
		})());
	}
}

/**
 * Webhooks answer before n8n has mounted its REST API (POST /rest/owner/setup is a 404 for a few seconds
 * longer); /rest/settings, public, answers 200 once the API is there.
 */
async function waitForRestApi(context: BrowserContext, baseUrl: string): Promise<void> {
	const deadline = Date.now() + 60_000;
	const status = () =>
		context.request.get(`${baseUrl}/rest/settings`).then(
			(response) => response.status(),
			() => 0,
		);
	while ((await status()) !== 200) {
		if (Date.now() > deadline) throw new Error(`${baseUrl}/rest/settings never answered 200`);
		await local.sleep(500);
	}
}

/** Creates the owner account over REST; n8n answers with its auth cookie, which lands in `context`. */
export async function setUpOwner(context: BrowserContext, baseUrl: string): Promise<void> {
	await waitForRestApi(context, baseUrl);
	const response = await context.request.post(`${baseUrl}/rest/owner/setup`, { data: OWNER });
	if (!response.ok())
		throw new Error(
			`POST /rest/owner/setup answered ${response.status()}: ${await response.text()}`,
		);
}

/** A new, empty workflow in a fresh tab (closing the previous tab skips n8n's "leave without saving?" prompt). */
export async function newWorkflowPage(context: BrowserContext, baseUrl: string): Promise<Page> {
	const page = await context.newPage();
	await page.goto(`${baseUrl}/workflow/new`);
	await page.getByTestId('canvas-add-button').waitFor();
	return page;
}

/** Opens the nodes panel from the empty canvas. */
export async function openNodesPanel(page: Page): Promise<void> {
	await page.getByTestId('canvas-add-button').click();
	await page.getByTestId('node-creator-search-bar').waitFor();
}

/**
 * A list's entry in the nodes panel: "<name> Trigger", or just the list's name for a trigger with Trigger On, which
 * n8n lists as an app whose events ("On Vote", ...) open beneath it.
 */
export const panelEntry = (page: Page, name: string) =>
	page
		.getByTestId('node-creator-item-name')
		.filter({ hasText: `${name} Trigger` })
		.or(page.getByText(name, { exact: true }));

/** Types into the nodes panel's search and waits until every expected trigger is listed. */
export async function searchNodes(
	page: Page,
	text: string,
	expectedNames: readonly string[],
): Promise<void> {
	await page.getByTestId('node-creator-search-bar').fill(text);
	for (const name of expectedNames) await panelEntry(page, name).first().waitFor();
}

/** A saved workflow's canvas in a fresh tab, every node drawn and n8n's checklist pop-up closed. */
export async function openWorkflow(
	context: BrowserContext,
	baseUrl: string,
	workflow: ExampleWorkflow,
): Promise<Page> {
	const page = await context.newPage();
	await page.goto(`${baseUrl}/workflow/${workflow.id}`);
	await page
		.getByTestId('canvas-node')
		.nth(workflow.nodes.length - 1)
		.waitFor();
	// A published workflow pops up n8n's "Production Checklist" (error workflow, time saved, MCP) over the canvas.
	const checklistClose = page.getByTestId('suggested-actions-close');
	if (
		await checklistClose.waitFor({ timeout: 5000 }).then(
			() => true,
			() => false,
		)
	) {
		await checklistClose.click();
		await checklistClose.waitFor({ state: 'hidden' });
	}
	return page;
}

/**
 * Opens a new credential dialog from the node panel. With no credential of the type yet n8n offers a
 * "Connect to ..." button; with one (an example's account) a dropdown whose last entry creates a new one.
 */
export async function openNewCredentialDialog(page: Page): Promise<Locator> {
	const slot = page.getByTestId('ndv').getByTestId('node-credentials-slot');
	const select = slot.getByTestId('node-credentials-select');
	const connectButton = slot.getByTestId('node-credentials-empty-state');
	await select.or(connectButton).waitFor();
	if (await select.isVisible()) {
		await select.locator('input').click();
		await page.getByText('Create new credential').click();
	} else {
		await connectButton.getByRole('button').first().click();
	}
	const dialog = page.getByTestId('editCredential-modal');
	await dialog.waitFor();
	return dialog;
}

/** Types each secret into its field of an open credential dialog. */
export async function fillCredential(dialog: Locator, secrets: Credentials): Promise<void> {
	for (const [field, value] of Object.entries(secrets)) {
		await dialog.getByTestId(`parameter-input-${field}`).locator('input').fill(value);
	}
}

/** Closes n8n's toasts ("Credential saved", ...) so none covers what comes next. */
export async function closeToasts(page: Page): Promise<void> {
	for (const close of await page.locator('.el-notification .el-notification__closeBtn').all()) {
		await close.click().catch(() => {}); // it may have faded out on its own meanwhile
	}
	await page
		.locator('.el-notification')
		.first()
		.waitFor({ state: 'detached', timeout: 5000 })
		.catch(() => {});
}

/** Visible text with its white space folded, as a person reads it. */
export async function textOf(locator: Locator): Promise<string> {
	return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}
