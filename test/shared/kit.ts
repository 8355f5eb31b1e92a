import type { ICredentialType, INodeType } from 'n8n-workflow';
import type { Platform } from '../../nodes/shared/platform';
import type { ApiKit } from './apiKit';

/*
 * What every list folder gives the repository's tests, demo, benchmarks and scripts besides its node: the
 * documented deliveries, a signer that makes them genuine, and the facts the cross-cutting suites check.
 * Development only: test/ is not part of the published package.
 */

export type Headers = Record<string, string>;
/** A credential's fields as the user saved them. */
export type Credentials = Readonly<Record<string, string>>;

/**
 * How the list proves a delivery, for a floor to compare against: a saved secret sent in a header (`token`), the
 * hex HMAC-SHA256 of the raw body in a header, after `prefix` if the list writes one such as GitHub's `sha256=`
 * (`hmac-sha256-hex`), or `t=<unix>,v1=<hex>` in a header, v1 being the HMAC-SHA256 of `<t>.<raw body>`
 * (`hmac-sha256-timestamped`, the scheme Stripe made common). A scheme only one list uses brings its own floor
 * (`own`): the least a receiver written for that list must do, from the request as the node gets it.
 */
export type Proof =
	| { kind: 'token' | 'hmac-sha256-timestamped'; header: string; secretField: string }
	| { kind: 'hmac-sha256-hex'; header: string; secretField: string; prefix?: string }
	| {
			kind: 'own';
			floor(
				headers: Readonly<Record<string, string>>,
				rawBody: Buffer,
				credentials: Credentials,
			): unknown;
	  };

/** A delivery as the list's sender puts it on the wire: the body's exact bytes and the headers that prove it. */
export interface Wire {
	headers: Headers;
	body: string;
}

/** Makes the wire form of `document` (the JSON the list means) under `credentials`. */
export type Sender = (document: string, credentials: Credentials) => Wire;

/**
 * One family proven by a shared secret in a header: the property tests generate secrets and header values
 * and ask `accepts`, an oracle written from the contract, whether the verifier should have let them in.
 */
export interface TokenScheme<Family extends string> {
	name: string;
	family: Family;
	/** The credential field holding the secret. */
	field: string;
	/** Headers that may carry the proof (lowercase, as the verifier sees them). */
	headerNames: readonly string[];
	/** Headers that would route the request to another family. */
	routing: readonly string[];
	/** Headers the list's sender adds that route a request to this family (lowercase names), e.g. a protocol name. */
	routedBy?: Readonly<Record<string, string>>;
	/** Secrets this scheme cannot tell apart from its own syntax, left out of generation. */
	ambiguous?(core: string): boolean;
	/** Ways a user may save the secret `core` in the credential. */
	savedForms(core: string): string[];
	/** Header values a genuine sender may use; `sent` is the secret as Node.js hands a header over. */
	sentForms(sent: string): string[];
	/** The contract's accepted forms: whether one header value proves the secret. */
	accepts(value: string, sent: string): boolean;
}

/** The scheme of a list whose proof is `Authorization` equal to the saved secret, exactly as saved. */
export function exactAuthorization<Family extends string>(
	list: string,
	family: Family,
	field: string,
): TokenScheme<Family> {
	return {
		name: `${list} (Authorization = ${field})`,
		family,
		field,
		headerNames: ['authorization'],
		routing: [],
		savedForms: (core) => [core],
		sentForms: (sent) => [sent],
		accepts: (value, sent) => value === sent,
	};
}

/** The RFC 7235 `Bearer` scheme (case-insensitive, then whitespace) removed: the contract's wording, for oracles. */
export const bearerRemoved = (value: string): string => value.replace(/^bearer\s+/i, '');

/** A documented example with one field broken, and the part of the 400 answer that must name it. */
export interface FieldCorruption {
	name: string;
	example: string;
	corrupt(payload: Record<string, any>): void; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON of any shape
	error: RegExp;
}

/**
 * A documented example with one optional field malformed: emitted all the same, exactly as if the field were absent,
 * and the field named in n8n's log (SECURITY.md, "What is refused").
 */
export interface FieldDrop {
	name: string;
	example: string;
	corrupt(payload: Record<string, any>): void; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON of any shape
	/** The dotted path the log names. */
	field: string;
}

/** A request the list's own sender would never make, that a careless receiver might accept. */
export interface Attack {
	name: string;
	body: string;
	headers(credentials: Credentials): Headers;
	status: number;
}

/** One delivery of the in-process benchmark, against a floor of the same proof plus JSON.parse. */
export interface BenchmarkCase {
	label: string;
	example: string;
	/** One of the kit's `protocols`; the kit's `sign` when not set. */
	protocol?: string;
	proof: Proof;
}

/**
 * Votes whose body carries neither an id nor a vote time, so that their eventId comes from the receive time
 * (`voteWindow` in nodes/shared/payload.ts): what the property test checks and bench/vote-windows.ts measures.
 */
export interface WindowedVotes {
	/** The cooldown the list's platform.ts hands to `voteWindow`. */
	cooldownMs: number;
	/**
	 * When the list's sender retries a delivery whose every attempt fails, in ms after the first attempt began: its
	 * documented schedule at its latest, or UNDOCUMENTED_RETRIES where it documents none.
	 */
	retriesAtMs: readonly number[];
	/** Each such vote shape by name: a genuine vote by `voter` (a Discord id) for one target, at the receive time. */
	votesBy: Readonly<Record<string, (voter: string) => string>>;
}

/** Retry times after the first attempt began, for a sender that waits `timeoutMs` for an answer, then `waitsMs[n]` before retry n + 1. */
export function retriesAfter(timeoutMs: number, waitsMs: readonly number[]): number[] {
	let at = 0;
	return waitsMs.map((wait) => (at += timeoutMs + wait));
}

/** How a list's sender retries a delivery that failed: no answer in time, a network error or a 5xx. */
export interface RetryPolicy {
	/** How long the sender waits for an answer. */
	timeoutMs: number;
	/** The wait before retry 1, 2, … after an attempt failed; empty for a list that never retries. */
	waitsMs: readonly number[];
	/** False for a list that retries a non-2xx answer but never a timeout. */
	retriesTimeouts: boolean;
	/** True where the list documents no policy (or no retry count) and top.gg v1's stands in for it. */
	assumed: boolean;
}

/** top.gg v1's policy (an answer within 5 s; 3 retries about 1, 2 and 4 s later), assumed where a list documents none. */
export const UNDOCUMENTED_POLICY: RetryPolicy = {
	timeoutMs: 5000,
	waitsMs: [1000, 2000, 4000],
	retriesTimeouts: true,
	assumed: true,
};
export const UNDOCUMENTED_RETRIES: readonly number[] = retriesAfter(
	UNDOCUMENTED_POLICY.timeoutMs,
	UNDOCUMENTED_POLICY.waitsMs,
);

export interface ListKit<Family extends string = string> {
	platform: Platform<Family>;
	/** The list's folder under nodes/ (`<folder>Trigger.node.ts`, its codex and icons) and under test/ (its kit, examples and tests). */
	folder: string;
	Node: new () => INodeType;
	Credential: new () => ICredentialType;
	/** The list's documented example deliveries, exact bytes, by name (examples.json). */
	examples: Readonly<Record<string, string>>;
	/** The example the cross-cutting suites, the demo and the screenshots send. */
	sample: string;
	/** Made-up secrets for the tests, distinct from every other list's. */
	credentials: Credentials;
	/** The local demo's secrets (`npm start`): never for a real dashboard. */
	demoCredentials: Credentials;
	/**
	 * How long the list waits for an answer before it gives up on a delivery, where it documents a limit it does not
	 * retry past: the real-n8n suite measures each list's answer time against it.
	 */
	answerWithinMs?: number;
	/** How the list's sender retries a failed delivery (`npm run test:faults` sends like this). */
	retries: RetryPolicy;
	/** How long a signature stays acceptable, for a list that signs the time of sending (the demo says so). */
	signatureLifetimeSeconds?: number;
	/** Headers that make `body` a genuine delivery under `credentials`, as the list's sender writes them. */
	sign(body: string | Buffer, credentials: Credentials): Headers;
	/**
	 * Where the list's sender has several protocols for one document (Infinity's hmac-sha256, simple-auth and
	 * splashtail, which encrypts the body), each by its name. `sign` is the one that sends the document as it is.
	 */
	protocols?: Readonly<Record<string, Sender>>;
	/** Every header that can carry a proof, lowercase: what a forger replaces. */
	proofHeaders: readonly string[];
	/**
	 * A genuine vote by `voter` (a Discord id) at `at`: a distinct event for each pair, with `userId` = voter. A list
	 * whose body carries no time cannot put `at` in it: its votes are distinct for each voter, and the receive time
	 * stands for `at`.
	 */
	voteBy(voter: string, at: Date): string;
	/** `body` as the list sends it again when a delivery is retried: the same event, with what a retry changes. */
	redelivery(body: string): string;
	/** The votes whose eventId is a window of the receive time; null where every vote carries an id or a time. */
	windowedVotes: WindowedVotes | null;
	/** Field-level corruptions for the bad-input corpus: required or essential fields, refused. */
	fieldCorpus: readonly FieldCorruption[];
	/** Optional fields malformed: left out of the item, never a refusal. */
	droppedFields: readonly FieldDrop[];
	/**
	 * The optional fields (dotted paths) that decide the event kind, the test flag, the target or a vote's direction:
	 * malformed, they are refused like a required field. Every other optional field is left out when malformed.
	 */
	essentialFields: readonly string[];
	/** The families proven by a header secret, for the property tests. */
	tokenSchemes: readonly TokenScheme<Family>[];
	/** List-specific forgeries the end-to-end suite sends to a real n8n. */
	attacks: readonly Attack[];
	benchmarks: readonly BenchmarkCase[];
	/** The list's action node and a stand-in of its API, where the list has an API (test/<List>/api.ts). */
	api?: ApiKit;
}

/** Identity helper that keeps each kit's family type while checking it against ListKit. */
export function defineKit<Family extends string>(kit: ListKit<Family>): ListKit<Family> {
	return kit;
}

/** Every way the list sends one document, by protocol name: the kit's `protocols`, or `sign` alone as `default`. */
export function sendersOf(
	kit: Pick<ListKit, 'sign' | 'protocols'>,
): Readonly<Record<string, Sender>> {
	return (
		kit.protocols ?? {
			default: (document, credentials) => ({
				headers: kit.sign(document, credentials),
				body: document,
			}),
		}
	);
}
