import { createCipheriv, createHmac, randomBytes } from 'crypto';
import { InfinityBotListWebhookApi } from '../../credentials/InfinityBotListWebhookApi.credentials';
import { defineKit, type Credentials, type Headers, type Sender, type Wire } from '../shared/kit';
import examples from './examples.json';
import { infinityBotListApiKit } from './api';
import { InfinityBotListTrigger } from '../../nodes/InfinityBotList/InfinityBotListTrigger.node';
import { infinityBotList } from '../../nodes/InfinityBotList/platform';
import {
	openSplashtail,
	splashtailKey,
	verifySplashtailSignature,
} from '../../nodes/InfinityBotList/splashtail';

/** `hmac-sha256`: the document as it is, `sha256=<hex HMAC-SHA256 of it>` (Popplio `buildHmacAuthRequest`). */
export function hmacHeaders(secret: string, body: string | Buffer): Headers {
	return {
		'X-Webhook-Protocol': 'hmac-sha256',
		'X-Webhook-Signature': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
	};
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Sixteen letters, as the sender draws its nonce. */
export function randomNonce(): string {
	return Array.from(randomBytes(16), (byte) => LETTERS[byte % LETTERS.length]).join('');
}

/**
 * `splashtail` as Popplio's `sealPayload` makes it: the hex of IV || AES-256-GCM(document) || tag under
 * SHA-256(secret + nonce), signed by HMAC-SHA512 under the nonce of the hex HMAC-SHA512 under the secret.
 */
export function seal(
	secret: string,
	document: string | Buffer,
	nonce = randomNonce(),
	iv = randomBytes(12),
): Wire {
	const cipher = createCipheriv('aes-256-gcm', splashtailKey(secret, nonce), iv);
	const body = Buffer.concat([
		iv,
		cipher.update(document),
		cipher.final(),
		cipher.getAuthTag(),
	]).toString('hex');
	const inner = createHmac('sha512', secret).update(body).digest('hex');
	return {
		headers: {
			'Content-Type': 'text/plain',
			'X-Webhook-Protocol': 'splashtail',
			'X-Webhook-Nonce': nonce,
			'X-Webhook-Signature': createHmac('sha512', nonce).update(inner).digest('hex'),
		},
		body,
	};
}

/** The three protocols of Popplio's `buildRequest`, each as its sender writes it. */
const protocols: Record<string, Sender> = {
	'hmac-sha256': (document, credentials) => ({
		headers: {
			'Content-Type': 'application/json',
			...hmacHeaders(credentials.webhookSecret, document),
		},
		body: document,
	}),
	'simple-auth': (document, credentials) => ({
		headers: {
			'Content-Type': 'text/plain',
			'X-Webhook-Protocol': 'simple-auth',
			Authorization: credentials.webhookSecret,
		},
		body: document,
	}),
	splashtail: (document, credentials) => seal(credentials.webhookSecret, document),
};

/**
 * The sender's probes: with probability 0.4 it also posts the delivery under a random 128-character secret,
 * which must be refused with 401 or 403 (a 2xx marks the webhook broken).
 */
function probe(protocol: string): Wire {
	const randomSecret = randomBytes(96).toString('base64');
	return protocols[protocol](examples.vote, { webhookSecret: randomSecret });
}

/** The least a splashtail receiver does: check the signature chain, decrypt, parse. */
function splashtailFloor(
	headers: Readonly<Record<string, string>>,
	rawBody: Buffer,
	credentials: Credentials,
): unknown {
	const secret = credentials.webhookSecret;
	const nonce = headers['x-webhook-nonce'];
	if (!verifySplashtailSignature(secret, nonce, rawBody, headers['x-webhook-signature']))
		return false;
	const document = openSplashtail(secret, nonce, rawBody);
	return Buffer.isBuffer(document) && JSON.parse(document.toString('utf8'));
}

const probes = Object.keys(protocols).map((protocol) => {
	const wire = probe(protocol);
	return {
		name: `the sender's probe: ${protocol} under a random secret`,
		body: wire.body,
		headers: () => wire.headers,
		status: 401,
	};
});

/** The suites send the attacks with the kit's test credentials. */
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- a made-up secret the test signs with
const credentials = { webhookSecret: 'ibl-kit-secret-4d7a' };
const sealedUnderKitSecret = seal(credentials.webhookSecret, examples.vote);

export const infinityBotListKit = defineKit({
	api: infinityBotListApiKit,
	platform: infinityBotList,
	folder: 'InfinityBotList',
	Node: InfinityBotListTrigger,
	Credential: InfinityBotListWebhookApi,
	examples,
	sample: 'botVote',
	credentials,
	demoCredentials: { webhookSecret: 'demo-infinity-webhook-secret' },
	// The recommended protocol, which sends the document as it is.
	// No timed retries: a delivery that gets no 2xx within 30 s is a failure (pending ones are resent only when the sender restarts).
	retries: { timeoutMs: 30_000, waitsMs: [], retriesTimeouts: false, assumed: false },
	sign: (body, credentials) => hmacHeaders(credentials.webhookSecret, body),
	protocols,
	proofHeaders: ['x-webhook-signature', 'authorization'],
	voteBy: (voter, at) => {
		const vote = JSON.parse(examples.botVote);
		vote.creator.id = voter;
		vote.creator.username = `voter${voter.slice(-6)}`;
		vote.metadata.created_at = Math.floor(at.getTime() / 1000);
		return JSON.stringify(vote);
	},
	// Popplio resends the stored document; each attempt is signed (and for splashtail sealed) anew.
	redelivery: (body) => body,
	windowedVotes: null,
	fieldCorpus: [
		{
			name: 'creator.id as a JSON number',
			example: 'botVote',
			corrupt: (p) => (p.creator.id = 510065483693817900),
			error: /creator\.id: Invalid input: expected string, received number/,
		},
		{
			name: 'no target',
			example: 'botVote',
			corrupt: (p) => (p.targets = {}),
			error: /targets: Expected exactly one of bot, server or team/,
		},
		{
			name: 'a bot and a server target',
			example: 'serverVote',
			corrupt: (p) => (p.targets.bot = { id: '1019662370278228028' }),
			error: /targets: Expected exactly one/,
		},
		{
			name: 'metadata.created_at in milliseconds beyond 9999',
			example: 'botVote',
			corrupt: (p) => (p.metadata.created_at = 1e15),
			error: /metadata\.created_at: Too big/,
		},
		{
			name: 'metadata.created_at as text',
			example: 'botVote',
			corrupt: (p) => (p.metadata.created_at = '2025-08-04'),
			error: /metadata\.created_at: Invalid input: expected number/,
		},
		{
			name: 'data.per_user negative',
			example: 'botVote',
			corrupt: (p) => (p.data.per_user = -1),
			error: /data\.per_user: Too small/,
		},
		{
			name: 'review content not text',
			example: 'newReview',
			corrupt: (p) => (p.data.content = { text: 'x' }),
			error: /data\.content: Invalid input: expected string, received object/,
		},
		{
			name: 'edited review without old stars',
			example: 'editReview',
			corrupt: (p) => delete p.data.stars.old,
			error: /data\.stars\.old: Invalid input: expected number, received undefined/,
		},
	],
	droppedFields: [],
	essentialFields: [
		'targets.bot',
		'targets.server',
		'targets.team',
		'metadata.test',
		'data.downvote',
	],
	tokenSchemes: [
		{
			name: 'Infinity Bot List simple-auth (Authorization = webhook secret)',
			family: 'simple-auth',
			field: 'webhookSecret',
			headerNames: ['authorization'],
			routing: ['x-webhook-protocol'],
			routedBy: { 'x-webhook-protocol': 'simple-auth' },
			savedForms: (core) => [core],
			sentForms: (sent) => [sent],
			accepts: (value, sent) => value === sent,
		},
	],
	attacks: [
		...probes,
		{
			name: 'a genuine hmac-sha256 signature under a splashtail protocol header',
			body: examples.vote,
			headers: (credentials) => ({
				...hmacHeaders(credentials.webhookSecret, examples.vote),
				'X-Webhook-Protocol': 'splashtail',
				'X-Webhook-Nonce': randomNonce(),
			}),
			status: 401,
		},
		{
			name: 'a genuine splashtail delivery replayed with another nonce',
			body: sealedUnderKitSecret.body,
			headers: () => ({ ...sealedUnderKitSecret.headers, 'X-Webhook-Nonce': randomNonce() }),
			status: 401,
		},
		{
			name: 'the webhook secret in Authorization with no protocol named',
			body: examples.vote,
			headers: (credentials) => ({ Authorization: credentials.webhookSecret }),
			status: 401,
		},
		{
			name: 'an hmac-sha256 signature without its sha256= prefix',
			body: examples.vote,
			headers: (credentials) => {
				const signed = hmacHeaders(credentials.webhookSecret, examples.vote);
				return {
					...signed,
					'X-Webhook-Signature': signed['X-Webhook-Signature'].slice('sha256='.length),
				};
			},
			status: 401,
		},
	],
	benchmarks: [
		{
			label: 'Infinity Bot List vote (hmac-sha256)',
			example: 'botVote',
			protocol: 'hmac-sha256',
			proof: {
				kind: 'hmac-sha256-hex',
				header: 'x-webhook-signature',
				secretField: 'webhookSecret',
				prefix: 'sha256=',
			},
		},
		{
			label: 'Infinity Bot List vote (simple-auth)',
			example: 'botVote',
			protocol: 'simple-auth',
			proof: { kind: 'token', header: 'authorization', secretField: 'webhookSecret' },
		},
		{
			label: 'Infinity Bot List vote (splashtail)',
			example: 'botVote',
			protocol: 'splashtail',
			proof: { kind: 'own', floor: splashtailFloor },
		},
	],
});
