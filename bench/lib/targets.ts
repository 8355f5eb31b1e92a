/*
 * The workflows the real-n8n benchmark publishes, one per webhook, and what it sends each: for every list of
 * the registry, its trigger once per way its benchmark cases are proven (a token, an HMAC); then n8n's own
 * Webhook node (a) with Header Auth, (b) with no authentication, (c) with Header Auth and a Code node that
 * checks the reference delivery's HMAC, all three fed the reference delivery's bytes. The reference is the
 * first trigger delivery proven by an HMAC: the case where the pack saves a user the most work.
 */
import { LISTS } from '../../test/registry';
import { sendersOf, type BenchmarkCase, type ListKit, type Proof } from '../../test/shared/kit';
import type { Delivery, WorkflowNode } from '../../scripts/lib/demo';
import type { CredentialJson, WorkflowJson } from '../../scripts/lib/n8n-local';
import { builtNode } from './built-node';
import { webhookNode } from './webhook-node';

/** A published workflow and the delivery the benchmark sends to it. */
export interface Target {
	label: string;
	kind: 'trigger' | 'peer';
	/** The production webhook's path, after `/webhook/`. */
	path: string;
	delivery: Delivery;
	workflow: WorkflowJson & { nodes: WorkflowNode[]; connections: Record<string, unknown> };
}

/** A trigger target with the list and proof behind its delivery. */
export interface TriggerTarget extends Target {
	kind: 'trigger';
	kit: ListKit;
	proof: Proof;
}

/** A trigger target proven by the hex HMAC-SHA256 of its raw body: what peer (c)'s Code node checks. */
type HmacTarget = TriggerTarget & { proof: Extract<Proof, { kind: 'hmac-sha256-hex' }> };

export interface Targets {
	all: Target[];
	triggers: TriggerTarget[];
	/** The trigger delivery the peers receive and the profile compares with peer (a). */
	reference: TriggerTarget;
	peers: { a: Target; b: Target; c: Target };
}

/** The header the bench's Header Auth credential checks: peer (a) and (c) receive it besides the list's own. */
const HEADER_AUTH = { name: 'X-Bench-Auth', value: 'bench-header-auth-value-7c41' };
const HEADER_AUTH_CREDENTIAL = { id: 'bltBenchHeaderAuth', name: 'Bench Header Auth' };

const uuid = (index: number) => `be0c0000-0000-4000-8000-${String(index).padStart(12, '0')}`;
const workflowId = (index: number) => `bltBench${String(index).padStart(2, '0')}`;
const listCredential = (kit: ListKit) => ({
	id: `bltBenchCred${kit.folder}`,
	name: `Bench ${kit.platform.displayName}`,
});

/** An example of the kit signed as the list signs it under the demo secrets, the credential the bench imports. */
function signedDelivery(kit: ListKit, { example, protocol }: TriggerDelivery): Delivery {
	const document = kit.examples[example];
	if (document === undefined)
		throw new Error(`${kit.platform.displayName} has no example "${example}"`);
	const send = protocol === undefined ? undefined : sendersOf(kit)[protocol];
	if (protocol !== undefined && send === undefined)
		throw new Error(`${kit.platform.displayName} has no protocol "${protocol}"`);
	const { body, headers } = send
		? send(document, kit.demoCredentials)
		: { body: document, headers: kit.sign(document, kit.demoCredentials) };
	return { body, headers: { 'Content-Type': 'application/json', ...headers } };
}

/** Whether the kit's signer proves `example` through `proof`'s header. */
function provenBy(kit: ListKit, example: string, proof: Proof): boolean {
	if (proof.kind === 'own') return false;
	const headers = Object.keys(kit.sign(kit.examples[example], kit.demoCredentials));
	return headers.some((name) => name.toLowerCase() === proof.header);
}

/** One delivery the trigger target sends: the example, and how a row names it when the list has several. */
interface TriggerDelivery {
	example: string;
	label: string;
	protocol?: string;
	proof: Proof;
}

/**
 * One delivery per proof kind among the kit's benchmark cases. The kit's sample (what the demo and the
 * end-to-end suite send) is preferred when it is proven that way; otherwise the kind's first case.
 */
function triggerDeliveries(kit: ListKit): TriggerDelivery[] {
	const kinds = [...new Set(kit.benchmarks.map((benchmark) => benchmark.proof.kind))];
	return kinds.map((kind) => {
		const cases = kit.benchmarks.filter((benchmark) => benchmark.proof.kind === kind);
		const sampleCase = cases.find((benchmark) => benchmark.example === kit.sample);
		if (sampleCase !== undefined) return sampleCase;
		const first: BenchmarkCase = cases[0];
		return provenBy(kit, kit.sample, first.proof)
			? { example: kit.sample, label: kit.sample, proof: first.proof }
			: first;
	});
}

/** The case's label without the list's name, which the row's trigger name already gives. */
function withoutListName(kit: ListKit, label: string): string {
	const prefix = `${kit.platform.displayName} `;
	return label.startsWith(prefix) ? label.slice(prefix.length) : label;
}

function triggerTarget(
	index: number,
	kit: ListKit,
	delivery: TriggerDelivery,
	several: boolean,
): TriggerTarget {
	const { name: type, displayName, version, defaultVersion } = new (builtNode(kit))().description;
	const label = several ? `${displayName}, ${withoutListName(kit, delivery.label)}` : displayName;
	const webhookId = uuid(index);
	return {
		label,
		kind: 'trigger',
		kit,
		proof: delivery.proof,
		path: `${webhookId}/webhook`,
		// Signed anew on every read: a list may check its signature's timestamp against the clock.
		get delivery() {
			return signedDelivery(kit, delivery);
		},
		workflow: {
			id: workflowId(index),
			name: `Bench ${label}`,
			nodes: [
				{
					id: uuid(100 + index),
					name: displayName,
					type: `n8n-nodes-botlists.${type}`,
					// The version the editor puts on the canvas: what a new workflow runs.
					typeVersion: defaultVersion ?? (Array.isArray(version) ? Math.max(...version) : version),
					position: [0, 0],
					webhookId,
					parameters: {},
					credentials: { [kit.platform.credentialType]: listCredential(kit) },
				},
			],
			connections: {},
		},
	};
}

/**
 * The Code node a user builds today for a signed list: HMAC-SHA256 of the raw body under the secret,
 * compared in constant time with the hex digest in the reference's signature header.
 */
function signatureCheckNode(index: number, reference: HmacTarget): WorkflowNode {
	const { header, secretField, prefix = '' } = reference.proof;
	const secret = reference.kit.demoCredentials[secretField];
	return {
		id: uuid(200 + index),
		name: `Check ${reference.kit.platform.displayName} signature`,
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: [300, 0],
		parameters: {
			jsCode: [
				"const crypto = require('crypto');",
				"const raw = await this.helpers.getBinaryDataBuffer(0, 'data');",
				`const expected = crypto.createHmac('sha256', ${JSON.stringify(secret)}).update(raw).digest();`,
				`const received = Buffer.from(String($input.first().json.headers[${JSON.stringify(header)}] ?? '').slice(${prefix.length}), 'hex');`,
				"if (received.length !== expected.length || !crypto.timingSafeEqual(expected, received)) throw new Error('Invalid signature');",
				'return [{ json: $input.first().json.body }];',
			].join('\n'),
		},
	};
}

interface PeerOptions {
	headerAuth: boolean;
	codeCheck: boolean;
}

function webhookTarget(
	index: number,
	label: string,
	{ headerAuth, codeCheck }: PeerOptions,
	reference: HmacTarget,
): Target {
	const webhookId = uuid(index);
	const webhook: WorkflowNode = {
		...webhookNode(uuid(100 + index), webhookId, {
			authentication: headerAuth ? 'headerAuth' : 'none',
			options: codeCheck ? { rawBody: true } : {},
		}),
		...(headerAuth ? { credentials: { httpHeaderAuth: HEADER_AUTH_CREDENTIAL } } : {}),
	};
	const nodes = [webhook];
	const connections: Record<string, unknown> = {};
	if (codeCheck) {
		const check = signatureCheckNode(index, reference);
		nodes.push(check);
		connections[webhook.name] = { main: [[{ node: check.name, type: 'main', index: 0 }]] };
	}
	const { body, headers } = reference.delivery;
	return {
		label,
		kind: 'peer',
		path: webhookId,
		delivery: {
			body,
			headers: { ...headers, ...(headerAuth ? { [HEADER_AUTH.name]: HEADER_AUTH.value } : {}) },
		},
		workflow: { id: workflowId(index), name: `Bench ${label}`, nodes, connections },
	};
}

/** Every target, numbered in order: the lists' triggers as the registry orders them, then the three peers. */
export function benchTargets(): Targets {
	const triggers = LISTS.flatMap((kit) =>
		triggerDeliveries(kit).map((delivery, _, all) => ({ kit, delivery, several: all.length > 1 })),
	).map(({ kit, delivery, several }, position) =>
		triggerTarget(position + 1, kit, delivery, several),
	);
	const reference = triggers.find(
		(target): target is HmacTarget => target.proof.kind === 'hmac-sha256-hex',
	);
	if (reference === undefined)
		throw new Error(
			'peer (c) checks an HMAC, and no list of the registry has a benchmark case proven by one',
		);
	const next = triggers.length + 1;
	const peers = {
		a: webhookTarget(
			next,
			'(a) Webhook + Header Auth',
			{ headerAuth: true, codeCheck: false },
			reference,
		),
		b: webhookTarget(
			next + 1,
			'(b) Webhook, no auth',
			{ headerAuth: false, codeCheck: false },
			reference,
		),
		c: webhookTarget(
			next + 2,
			'(c) Webhook + Header Auth + Code HMAC',
			{ headerAuth: true, codeCheck: true },
			reference,
		),
	};
	return { all: [...triggers, peers.a, peers.b, peers.c], triggers, reference, peers };
}

/** The credentials the targets reference: each list's demo secrets, and the peers' Header Auth. */
export function benchCredentials(): CredentialJson[] {
	return [
		...LISTS.map((kit) => ({
			...listCredential(kit),
			type: kit.platform.credentialType,
			data: kit.demoCredentials,
		})),
		{ ...HEADER_AUTH_CREDENTIAL, type: 'httpHeaderAuth', data: HEADER_AUTH },
	];
}
