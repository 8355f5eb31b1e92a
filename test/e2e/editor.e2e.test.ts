/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- a test run by Jest, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
/*
 * n8n's editor as a user sees it, in Debian's Chromium driven by playwright-core: an example workflow's trigger
 * listening for a test event, a signed sample and a wrong secret sent to its Test URL, and a new credential
 * tested. n8n 2.41.0 only: the selectors follow its editor, and n8n 1.x lays the editor out otherwise.
 * On a failure every open page is saved as a PNG into a temporary folder whose path the log prints.
 */
import type { ICredentialType, IDataObject } from 'n8n-workflow';
import type { Locator, Page } from 'playwright-core';
import { LISTS, listOfNodeType } from '../registry';
import { startStandIn } from '../helpers/standIn';
import { sampleDelivery, triggerOf } from '../../scripts/lib/demo';
import {
	chromiumMissing,
	closeToasts,
	EditorSession,
	EDITOR_N8N_VERSION,
	exampleFromFile,
	fillCredential,
	newWorkflowPage,
	openNodesPanel,
	openWorkflow,
	searchNodes,
	textOf,
} from '../../scripts/lib/editor';
import { namesOf } from '../../scripts/lib/packages';
import * as local from '../../scripts/lib/n8n-local';
import { deliver, expectedItem } from '../helpers/deliver';

/** The example whose trigger is driven, by file name in examples/. */
const EXAMPLE_FILE = 'thank-voters-on-discord.json';
/** The credential tested in its dialog: the registry's first list whose credential has a single secret field. */
const CREDENTIAL_KIT = LISTS.find((kit) => Object.keys(kit.credentials).length === 1);
/** The API credential tested in its dialog against a stand-in: the registry's first list with an API. */
const API_KIT = LISTS.find((kit) => kit.api !== undefined);
/** A secret that holds only its scheme: refused by every list's credential check. */
const SCHEME_ONLY = 'Bearer';
/** Window height (px) in which the JSON view draws every line of one item. */
const TALL_WINDOW = 4000;

const log = (line: string) => process.stderr.write(`${line}\n`);

jest.setTimeout(5 * 60_000);

/** The browser on n8n's editor with the example open, and what the tests drive: its trigger, its list. */
class Editor {
	readonly session = new EditorSession(log);
	// Nothing is sent anywhere: "Execute step" runs the trigger alone, so the example's next nodes never run.
	readonly opened = exampleFromFile(EXAMPLE_FILE, {
		rewardUrl: 'http://127.0.0.1:9/rewards',
		discordWebhookUrl: 'http://127.0.0.1:9/discord',
	});
	readonly trigger = triggerOf(this.opened.example).trigger;
	readonly platform = triggerOf(this.opened.example).platform;
	readonly kit = listOfNodeType(this.trigger.type);
	page!: Page;

	/**
	 * n8n runs in its own process group, which Ctrl-C does not reach: whoever gets the signal first, this handler
	 * or jest (which lets the run finish, afterAll included, then exits 130), n8n and Chromium are stopped.
	 */
	private readonly onSignal = (signal: NodeJS.Signals) => {
		log(`[editor] ${signal}: stopping Chromium and n8n`);
		void this.session.close().finally(() => process.exit(130));
	};

	async open(): Promise<void> {
		const missing = chromiumMissing();
		if (missing) throw new Error(missing);
		process.once('SIGINT', this.onSignal).once('SIGTERM', this.onSignal);
		const started = Date.now();
		await this.session.start(this.opened);
		this.page = await openWorkflow(this.session.context, this.session.baseUrl, this.opened.example);
		log(
			`[editor] n8n ${EDITOR_N8N_VERSION} and Chromium ready in ${Math.round((Date.now() - started) / 1000)} s`,
		);
	}

	async close(): Promise<void> {
		await this.session.close();
		process.removeListener('SIGINT', this.onSignal).removeListener('SIGTERM', this.onSignal);
	}

	ndv(): Locator {
		return this.page.getByTestId('ndv');
	}

	testUrl(): string {
		return `${this.session.baseUrl}/webhook-test/${this.trigger.webhookId}/webhook`;
	}

	/** Opens the trigger's panel (once) and presses "Execute step": n8n then listens at the Test URL. */
	async listenForTestEvent(): Promise<void> {
		await closeToasts(this.page);
		if (!(await this.ndv().isVisible())) {
			await this.page.getByTestId('canvas-node').filter({ hasText: this.trigger.name }).dblclick();
		}
		await this.ndv().getByTestId('node-execute-button').click();
		// The test webhook is registered before the editor shows this: a request sent now reaches the node.
		await this.ndv().getByText('Listening for test event').waitFor();
	}

	/**
	 * The output panel's data as JSON, read from its JSON view. The view draws only the lines in sight, so the
	 * window grows tall enough for every line while it is read, then returns to its size.
	 */
	async outputItems(): Promise<IDataObject[]> {
		const output = this.ndv().getByTestId('output-panel');
		await output.getByTestId('radio-button-json').click();
		const viewport = this.page.viewportSize();
		await this.page.setViewportSize({ width: viewport?.width ?? 1440, height: TALL_WINDOW });
		try {
			// Only white space (some of it no-break spaces) separates the view's tokens: once the closing bracket is
			// drawn, its text is the items' JSON.
			const data = output.getByTestId('ndv-data-container').filter({ hasText: /\]\s*$/ });
			await data.waitFor();
			return JSON.parse((await data.innerText()).replace(/\u00a0/g, ' ')) as IDataObject[];
		} finally {
			if (viewport) await this.page.setViewportSize(viewport);
		}
	}

	/**
	 * Overview, "Create credential", the list's credential type: its dialog, empty, in a tab of its own. Created
	 * there, the credential stays out of the example (from the node panel n8n would select it in the trigger).
	 */
	async newCredentialFromOverview(Credential: new () => ICredentialType): Promise<Locator> {
		const { displayName } = new Credential();
		this.page = await this.session.context.newPage();
		await this.page.goto(`${this.session.baseUrl}/home/credentials/create`);
		const picker = this.page.getByTestId('selectCredential-modal');
		await picker.getByTestId('new-credential-type-select').locator('input').fill(displayName);
		// The options open in a popper outside the modal.
		await this.page
			.getByTestId('new-credential-type-select-option')
			.filter({ hasText: displayName })
			.first()
			.click();
		await picker.getByTestId('new-credential-type-button').click();
		const dialog = this.page.getByTestId('editCredential-modal');
		await dialog.waitFor();
		return dialog;
	}
}

/** Registers a test of a user's steps; on a failure saves what the browser shows and prints where, then fails as it would. */
function asUser(editor: Editor, name: string, steps: (editor: Editor) => Promise<void>): void {
	it(name, async () => {
		try {
			await steps(editor);
		} catch (error) {
			const files = await editor.session.screenshotPages(name);
			log(
				`[editor] "${name}" failed; the browser showed:\n${files.map((file) => `  ${file}`).join('\n')}`,
			);
			if (editor.session.instance)
				log(`[editor] n8n's log ends with:\n${editor.session.instance.log().slice(-2000)}`);
			throw error;
		}
	});
}

async function signedSampleAtTestUrl(editor: Editor): Promise<void> {
	const { kit } = editor;
	await editor.listenForTestEvent();
	const { body, headers } = sampleDelivery(editor.platform);
	const answer = await local.post(editor.testUrl(), { body, headers });
	expect([answer.status, answer.json]).toEqual([200, { received: true }]);

	const output = editor.ndv().getByTestId('output-panel');
	await output.getByTestId('node-run-status-success').waitFor();
	expect(await textOf(output.getByTestId('ndv-items-count'))).toBe('1 item');
	const [item] = await editor.outputItems();
	expect(item).toEqual(
		await expectedItem(kit, body, headers, kit.demoCredentials, item.receivedAt as string),
	);
}

async function wrongSecretAtTestUrl(editor: Editor): Promise<void> {
	const { kit } = editor;
	const { body, headers } = sampleDelivery(editor.platform);
	const forged = Object.fromEntries(
		Object.keys(headers).map((name) => [
			name,
			name.toLowerCase() === 'content-type' ? headers[name] : 'wrong-secret',
		]),
	);
	// What the node says in-process for the same request: the editor must show this very message.
	const refusal = await deliver(new kit.Node(), {
		headers: forged,
		body,
		credentials: { ...kit.demoCredentials },
		mode: 'manual',
	}).then(
		() => undefined,
		(error: Error & { description?: string }) => error,
	);
	expect(refusal?.message).toMatch(/^Refused a test delivery: /);

	await editor.listenForTestEvent();
	const answer = await local.post(editor.testUrl(), { body, headers: forged });
	expect(answer.status).toBe(500);

	const output = editor.ndv().getByTestId('output-panel');
	await output.getByTestId('node-run-status-danger').waitFor();
	expect(await textOf(output.getByTestId('node-error-message'))).toBe(refusal!.message);
	expect(await textOf(output.getByTestId('node-error-description'))).toBe(refusal!.description);
	// n8n also pops a toast naming the node, wherever the user is looking.
	const toast = editor.page.locator('.el-notification').filter({ hasText: `Problem in node` });
	await toast.waitFor();
	expect(await textOf(toast)).toContain(refusal!.message);
	// The listening has ended: the panel offers "Execute step" again.
	await editor.ndv().getByText('Listening for test event').waitFor({ state: 'hidden' });
}

async function credentialTest(editor: Editor): Promise<void> {
	if (!CREDENTIAL_KIT)
		throw new Error('no list in nodes/registry.ts has a credential with a single secret field');
	const [field] = Object.keys(CREDENTIAL_KIT.credentials);
	const refused = CREDENTIAL_KIT.platform.checkCredential({ [field]: SCHEME_ONLY });
	expect(refused.ok).toBe(false);

	const dialog = await editor.newCredentialFromOverview(CREDENTIAL_KIT.Credential);
	await fillCredential(dialog, { [field]: SCHEME_ONLY });
	await dialog.getByTestId('credential-save-button').click();
	// Saving runs the test: n8n's own words, ours behind "More details".
	const banner = dialog.getByText('Couldn’t connect with these settings');
	await banner.waitFor();
	await dialog.getByText('More details').click();
	await dialog.getByText(refused.message, { exact: true }).waitFor();
	log(
		`[editor] credential test Error shows: ${await textOf(dialog.getByTestId('node-credentials-config-container'))}`,
	);

	await fillCredential(dialog, CREDENTIAL_KIT.demoCredentials);
	await dialog.getByTestId('credential-save-button').click();
	const success = dialog.getByTestId('credentials-config-container-test-success');
	await success.waitFor();
	expect(await textOf(success)).toContain('Connection tested successfully');
	await banner.waitFor({ state: 'hidden' });
	// "Retry" is the dialog's test button: pressed, the test runs again and passes again.
	await success.getByRole('button', { name: 'Retry' }).click();
	await success.waitFor();
	const ok = CREDENTIAL_KIT.platform.checkCredential(CREDENTIAL_KIT.demoCredentials);
	expect(ok.ok).toBe(true);
	const shown = await textOf(dialog.getByTestId('node-credentials-config-container'));
	log(
		`[editor] credential test OK shows: ${shown} (the check's message "${ok.message}" ${shown.includes(ok.message) ? 'is' : 'is not'} shown)`,
	);
}

async function apiCredentialTest(editor: Editor): Promise<void> {
	const api = API_KIT?.api;
	if (!api) throw new Error('no list in test/registry.ts has an API (test/<List>/api.ts)');
	const credential = new api.Credential();
	const testPath = `${api.basePath}${String(credential.test?.request.url)}`;
	const wrongToken = `wrong-${api.token}`;
	const refusal = api.errors[api.badTokenStatus as 401];
	const documented = refusal?.body as { title?: string; detail?: string } | undefined;
	if (!documented?.title)
		throw new Error(
			`${API_KIT?.platform.displayName}'s stand-in documents no ${api.badTokenStatus} body with a title`,
		);

	const standIn = await startStandIn(api.routes, api.basePath);
	try {
		const dialog = await editor.newCredentialFromOverview(api.Credential);
		await fillCredential(dialog, { [api.tokenField]: api.token, baseUrl: standIn.baseUrl });
		await dialog.getByTestId('credential-save-button').click();
		// Saving runs the credential's test request against the stand-in.
		const success = dialog.getByTestId('credentials-config-container-test-success');
		await success.waitFor();
		expect(await textOf(success)).toContain('Connection tested successfully');
		log(
			`[editor] ${credential.displayName} credential test with the stand-in's token shows: ${await textOf(dialog.getByTestId('node-credentials-config-container'))}`,
		);
		const tested = standIn.seen.filter(
			(request) => `${request.method} ${request.path}` === `GET ${testPath}`,
		);
		expect(tested.map((request) => request.headers.authorization)).toContain(`Bearer ${api.token}`);

		const seenBefore = standIn.seen.length;
		await fillCredential(dialog, { [api.tokenField]: wrongToken });
		await dialog.getByTestId('credential-save-button').click();
		const banner = dialog.getByText('Couldn’t connect with these settings');
		await banner.waitFor();
		await success.waitFor({ state: 'hidden' });
		await dialog.getByText('More details').click();
		// n8n names the refusal by the stand-in's answer: the 401's reason, as its documented body titles it.
		await dialog.getByText(documented.title, { exact: true }).waitFor();
		const shown = await textOf(dialog.getByTestId('node-credentials-config-container'));
		log(
			`[editor] ${credential.displayName} credential test with a wrong token shows: ${shown} (the body's detail "${documented.detail}" ${documented.detail && shown.includes(documented.detail) ? 'is' : 'is not'} shown)`,
		);
		const refused = standIn.seen
			.slice(seenBefore)
			.filter((request) => `${request.method} ${request.path}` === `GET ${testPath}`);
		expect(refused.map((request) => request.headers.authorization)).toContain(
			`Bearer ${wrongToken}`,
		);

		const pageText = await editor.page.locator('body').innerText();
		expect(pageText).not.toContain(api.token);
	} finally {
		await standIn.close();
	}
}

/**
 * What a user may type to find a list's trigger: each of its names (a renamed list has its current and its former
 * one), and each name's first word where that word names no other list ("Infinity", "Void"; not "Discord").
 */
function searchTermsOf(displayName: string): string[] {
	const names = namesOf(displayName);
	const others = LISTS.map((kit) => kit.platform.displayName.toLowerCase()).filter(
		(other) => other !== displayName.toLowerCase(),
	);
	const firstWords = names
		.map((name) => name.split(' ')[0])
		.filter((word) => !others.some((other) => other.includes(word.toLowerCase())));
	return [...new Set([...names, ...firstWords])];
}

/** The nodes panel, searched for every list by each of its names: the list's trigger is among the results. */
async function everyListFoundByName(editor: Editor): Promise<void> {
	const page = await newWorkflowPage(editor.session.context, editor.session.baseUrl);
	try {
		await openNodesPanel(page);
		for (const { platform } of LISTS) {
			for (const term of searchTermsOf(platform.displayName)) {
				log(`[editor] nodes panel: "${term}" finds ${platform.displayName}`);
				await searchNodes(page, term, [platform.displayName]);
			}
		}
	} finally {
		await page.close();
	}
}

describe(`n8n ${EDITOR_N8N_VERSION}'s editor in Chromium, with the packed n8n-nodes-botlists installed`, () => {
	const editor = new Editor();
	beforeAll(() => editor.open(), 30 * 60_000);
	afterAll(() => editor.close(), 60_000);

	asUser(
		editor,
		"Execute step, then the list's signed sample at the Test URL: the output panel shows the item the node emits",
		signedSampleAtTestUrl,
	);
	asUser(
		editor,
		'a wrong secret at the Test URL: the sender gets 500, the panel and a toast show why the trigger refused it',
		wrongSecretAtTestUrl,
	);
	asUser(
		editor,
		"the nodes panel finds every list's trigger by each of its names, a renamed list by its former one too",
		everyListFoundByName,
	);
	asUser(
		editor,
		`a new ${CREDENTIAL_KIT?.platform.displayName} credential: its test fails with the check's message for a scheme alone, passes for a secret`,
		credentialTest,
	);
	asUser(
		editor,
		`a new ${API_KIT?.platform.displayName} API credential pointed at a stand-in of its API: its test passes for the list's token, names the list's refusal for a wrong one`,
		apiCredentialTest,
	);
});
