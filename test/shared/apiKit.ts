import type { ICredentialType, IDataObject, INodeParameters, INodeType } from 'n8n-workflow';
import type { Answer, Routes } from '../helpers/standIn';

/*
 * What a list with an API gives the action-node suites besides its node: a stand-in that answers as the list's
 * documentation says, the requests the documentation shows for a fixed input, and the items they must give.
 * Development only.
 */

/** A request as the list's documentation writes it: what the node must send. */
export interface DocumentedRequest {
	method: string;
	/** The path under the stand-in's base path, as the docs write it after the API's base URL. */
	path: string;
	query?: Record<string, string>;
	/** Headers the request must carry (names lowercase); the token's header among them. */
	headers: Record<string, string>;
	/** The JSON body, or undefined for none. */
	body?: unknown;
}

export interface ApiCase {
	name: string;
	parameters: INodeParameters;
	/** Every request the operation makes, in order (several for a paged Get Many). */
	requests: DocumentedRequest[];
	/** The items, `raw` left out (each list's answer differs; the suites check `raw` separately). */
	items: IDataObject[];
	/** Where the list answers 404 for "no vote" (top.gg): an answer, not an error, for this operation. */
	notFoundIsAnAnswer?: boolean;
	/**
	 * Where the list answers this operation to anyone and ignores the token (Omniplex's vote reads): a token it
	 * refuses elsewhere changes nothing here, so the bad-token check expects the same items.
	 */
	tokenNotNeeded?: boolean;
}

export interface ApiKit {
	Node: new () => INodeType;
	Credential: new () => ICredentialType;
	/** The credential's token field (`token` or `apiKey`, as the contract names it). */
	tokenField: string;
	/** A token the stand-in accepts; any other is refused as the list refuses a bad token. */
	token: string;
	/** The part of the real base URL after the host (`/api/v1` for top.gg), which the stand-in serves under. */
	basePath: string;
	routes: Routes;
	/** Every operation the list offers, each with a documented input and its answer. */
	cases: readonly ApiCase[];
	/** The list's own error answers, by status, as its docs show them (the failure suite sends each). */
	errors: Readonly<Partial<Record<400 | 401 | 403 | 404 | 422 | 429 | 500, Answer>>>;
	/**
	 * Further documented error answers the status map cannot hold: a second answer for a status already in `errors`
	 * (a 429 without a wait beside the one with it), or a status outside it (410). The failure suite sends each too.
	 */
	otherErrors?: readonly Answer[];
	/** The status the list answers a bad token with (top.gg's docs name 400 and 401; the stand-in picks one). */
	badTokenStatus: number;
}

/** A credential of the list's API whose base URL is `baseUrl` (a stand-in), holding `token` (the accepted one). */
export function apiCredentialData(
	api: ApiKit,
	baseUrl: string,
	token: string = api.token,
): Record<string, string> {
	return { [api.tokenField]: token, baseUrl };
}
