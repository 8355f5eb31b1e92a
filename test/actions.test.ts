import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { LISTS } from './registry';
import { runAction } from './helpers/routing';
import type { Answer, StandIn } from './helpers/standIn';
import { jsonBody, startStandIn } from './helpers/standIn';
import { apiCredentialData, type ApiKit } from './shared/apiKit';

/*
 * Every list's action node, run by n8n-core's RoutingNode against a stand-in of the list's API that answers as its
 * documentation says: the exact requests each operation sends for the documented input, the flat items they give,
 * and what every failure the list can answer becomes.
 */

const WITH_API = LISTS.filter((kit) => kit.api !== undefined).map((kit) => ({
	platform: kit.platform.name,
	api: kit.api as ApiKit,
}));

const withoutRaw = (items: INodeExecutionData[]) =>
	items.map(({ json }) =>
		Object.fromEntries(Object.entries(json).filter(([key]) => key !== 'raw')),
	);

describe.each(WITH_API)('$platform action node', ({ api }) => {
	let standIn: StandIn;
	beforeAll(async () => {
		standIn = await startStandIn(api.routes, api.basePath);
	});
	afterAll(async () => await standIn.close());
	beforeEach(() => standIn.seen.splice(0));

	const run = async (parameters: IDataObject, token = api.token, continueOnFail = false) =>
		await runAction(new api.Node(), new api.Credential(), {
			parameters: parameters as never,
			credentials: apiCredentialData(api, standIn.baseUrl, token),
			continueOnFail,
		});

	describe.each(api.cases.map((entry) => [entry.name, entry] as const))('%s', (_name, entry) => {
		it('sends exactly the documented request', async () => {
			await run(entry.parameters);
			expect(standIn.seen).toHaveLength(entry.requests.length);
			entry.requests.forEach((expected, index) => {
				const seen = standIn.seen[index];
				expect(seen.method).toBe(expected.method);
				expect(seen.path).toBe(`${api.basePath}${expected.path}`);
				expect(seen.query).toEqual(expected.query ?? {});
				expect(seen.headers).toMatchObject(expected.headers);
				expect(jsonBody(seen)).toEqual(expected.body);
			});
		});

		it('gives the flat items of the contract', async () => {
			const items = await run(entry.parameters);
			expect(withoutRaw(items)).toEqual(entry.items);
			for (const { json } of items) expect(json).toHaveProperty('raw');
		});
	});
});

/** Whether a 429 names its wait (header or body field, as answers.ts reads them): only then may the error name one. */
function givesWait(answer: Answer): boolean {
	if (answer.headers?.['retry-after'] !== undefined) return true;
	const body = answer.body as Record<string, unknown> | undefined;
	return ['retry_after', 'retry-after', 'retryAfter'].some(
		(key) => typeof body?.[key] === 'number' || typeof body?.[key] === 'string',
	);
}

/** Answers no list documents but every API can give: a proxy's HTML page, an empty 503, a body of another shape. */
const UNDOCUMENTED = [
	{ name: '502 from a proxy, in HTML', answer: { status: 502, body: '<html>Bad Gateway</html>' } },
	{ name: '503 with no body', answer: { status: 503 } },
];

describe.each(WITH_API)('$platform action node, when the list fails', ({ api }) => {
	let standIn: StandIn;
	beforeAll(async () => {
		standIn = await startStandIn(api.routes, api.basePath);
	});
	afterAll(async () => await standIn.close());

	const run = async (parameters: IDataObject, continueOnFail = false, token = api.token) =>
		await runAction(new api.Node(), new api.Credential(), {
			parameters: parameters as never,
			credentials: apiCredentialData(api, standIn.baseUrl, token),
			continueOnFail,
		});
	const listName = new api.Node().description.displayName;
	const failures = api.cases.flatMap((entry) => [
		...Object.entries(api.errors)
			.filter(([status]) => !(status === '404' && entry.notFoundIsAnAnswer))
			.map(([status, answer]) => ({ entry, name: `the list's ${status}`, answer: answer! })),
		...(api.otherErrors ?? []).map((answer, index) => ({
			entry,
			name: `the list's other error ${index + 1} (${answer.status})`,
			answer,
		})),
		...UNDOCUMENTED.map((failure) => ({ entry, ...failure })),
		...(entry.parameters.operation === 'postStats'
			? []
			: [
					{ entry, name: 'a 200 of another shape', answer: { status: 200, body: [{ odd: true }] } },
				]),
	]);

	it.each(failures.map((failure) => [`${failure.entry.name}: ${failure.name}`, failure] as const))(
		'%s is a NodeApiError naming the list and the status, and with Continue On Fail an error item',
		async (_name, { entry, answer }) => {
			standIn.answerNext(answer);
			const error = await run(entry.parameters).then(
				() => null,
				(thrown: unknown) => thrown as Error & { httpCode?: string },
			);
			expect(error?.constructor.name).toBe('NodeApiError');
			expect(error?.message).toContain(`${listName} answered ${answer.status}`);
			expect(error?.httpCode).toBe(String(answer.status));
			expect(error?.message).not.toContain(api.token);
			if (answer.status === 429 && givesWait(answer))
				expect(error?.message).toMatch(/retry after \d+ s/);
			else expect(error?.message).not.toContain('retry after');

			standIn.answerNext(answer);
			const items = await run(entry.parameters, true);
			expect(items).toHaveLength(1);
			expect(items[0].error?.message).toContain(`${listName} answered ${answer.status}`);
		},
	);

	const needToken = api.cases.filter((entry) => entry.tokenNotNeeded !== true);
	const answeredToAnyone = api.cases.filter((entry) => entry.tokenNotNeeded === true);

	// Jest refuses an empty table: only lists with such operations get these.
	if (answeredToAnyone.length > 0)
		it.each(answeredToAnyone.map((entry) => [entry.name, entry] as const))(
			'%s with a token the list refuses: the same items, as the list answers it to anyone',
			async (_name, entry) => {
				const items = await run(entry.parameters, false, 'not-the-token');
				expect(withoutRaw(items)).toEqual(entry.items);
			},
		);

	it.each(needToken.map((entry) => [entry.name, entry] as const))(
		'%s with a token the list refuses: an error saying the token was refused',
		async (_name, entry) => {
			const error = await run(entry.parameters, false, 'not-the-token').catch((e: Error) => e);
			expect(error).toBeInstanceOf(Error);
			expect((error as Error).message).toContain(`${listName} answered ${api.badTokenStatus}`);
			expect((error as Error).message).not.toContain('not-the-token');
		},
	);
});
