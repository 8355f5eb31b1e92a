import type { INodeType } from 'n8n-workflow';
import type { Credentials, ListKit } from '../shared/kit';
import { deliver, leaked } from './deliver';

/**
 * Every verification path of a list whose proof is `Authorization` equal to one saved secret, sent bare: the
 * lists of the contract's "`Authorization` equals the stored secret". Each such list calls this from its tests.
 */
export function describeAuthorizationSecret(
	kit: ListKit,
	{ field, label }: { field: string; label: string },
): void {
	const node = new kit.Node();
	const body = kit.examples[kit.sample];
	const credentials = { ...kit.credentials };
	const send = (
		headers: Record<string, string | string[]>,
		saved: Record<string, unknown> = credentials,
	) => deliver(node, { headers, body, credentials: saved as Record<string, string> });
	const subject: Subject = {
		kit,
		field,
		label,
		node,
		body,
		secret: kit.credentials[field],
		credentials,
		send,
	};

	describe(`verification: Authorization equals the ${label}`, () => {
		headerChecks(subject);
		savedSecretChecks(subject);
	});
}

interface Subject {
	kit: ListKit;
	field: string;
	label: string;
	node: INodeType;
	body: string;
	secret: string;
	credentials: Credentials;
	send(
		headers: Record<string, string | string[]>,
		saved?: Record<string, unknown>,
	): ReturnType<typeof deliver>;
}

/** What the node does with the Authorization header (and others) sent with the saved secret in place. */
function headerChecks({ node, body, secret, credentials, send }: Subject): void {
	it('accepts the secret as the list sends it', async () => {
		const answer = await send({ Authorization: secret });
		expect([answer.status, answer.json, answer.items.length]).toEqual([200, { received: true }, 1]);
	});

	it.each([
		['missing', undefined],
		['empty', ''],
		['wrong', 'not-the-secret'],
		['the secret after Bearer (the list sends it bare)', `Bearer ${secret}`],
		['a prefix of the secret', secret.slice(0, -1)],
		['the secret with a suffix', `${secret}x`],
		['the secret in another case', secret.toUpperCase()],
	])(
		'refuses an Authorization header that is %s with 401, starting nothing and echoing no secret',
		async (_case, value) => {
			const answer = await send(value === undefined ? {} : { Authorization: value });
			expect([answer.status, answer.items]).toEqual([401, []]);
			expect(answer.json.error).toMatch(/Authorization/);
			expect(leaked(answer, [secret])).toEqual([]);
		},
	);

	it('refuses the Authorization header sent twice, even with the right secret both times', async () => {
		expect((await send({ Authorization: [secret, secret] })).status).toBe(401);
	});

	it('refuses the secret in any other header', async () => {
		for (const name of ['X-Api-Key', 'X-Hook-Key', 'Token', 'X-Authorization'])
			expect([name, (await send({ [name]: secret })).status]).toEqual([name, 401]);
	});

	it('refuses a wrong secret before reading a body n8n left unread', async () => {
		const answer = await deliver(node, {
			headers: { Authorization: 'wrong' },
			body,
			credentials,
			unread: 'readable',
		});
		expect([answer.status, answer.bodyRead]).toEqual([401, false]);
	});
}

/** What the node and its credential test do with a saved secret that is unusable or padded. */
function savedSecretChecks({ kit, field, label, secret, credentials, send }: Subject): void {
	it.each([
		['empty', ''],
		['whitespace only', '  \n'],
		['only the Bearer scheme', 'Bearer '],
		['absent', undefined],
	])(`fails closed with 500 naming the ${label} when it is %s`, async (_case, saved) => {
		const broken: Record<string, unknown> = { ...credentials, [field]: saved };
		if (saved === undefined) delete broken[field];
		for (const value of ['', ' ', 'Bearer', 'anything', secret]) {
			const answer = await send({ Authorization: value }, broken);
			expect([answer.status, answer.items]).toEqual([500, []]);
			expect(answer.json.error).toContain(`no ${label} set`);
		}
	});

	it('accepts a secret saved with surrounding whitespace (a header value cannot carry it)', async () => {
		expect(
			(await send({ Authorization: secret }, { ...credentials, [field]: ` ${secret}\n` })).status,
		).toBe(200);
	});

	it('has a credential test that names the field and never the value', () => {
		expect(kit.platform.checkCredential(credentials)).toEqual({
			ok: true,
			message: expect.stringContaining('is set'),
		});
		for (const saved of ['', 'Bearer', 'bad\u0000secret']) {
			const result = kit.platform.checkCredential({ [field]: saved });
			expect(result.ok).toBe(false);
			expect(result.message).not.toContain('bad\u0000secret');
		}
	});
}
