import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';

/**
 * Cursor paging for Vote > Get Many, where the list hands back a cursor with each page. n8n's generic pagination
 * cannot stop at Limit across pages, so this asks page after page with n8n's own authenticated request helper
 * until the list says it has no more (an empty page or no cursor), Limit is met, or `maxPages` is reached.
 */
export interface CursorPaging {
	credentialType: string;
	/** The query parameter the list reads the cursor from. */
	cursorParameter: string;
	/** A page of the list's answer as items, and the cursor for the next page (null on the last). */
	readPage(
		this: IExecuteSingleFunctions,
		response: IN8nHttpFullResponse,
	): { items: INodeExecutionData[]; cursor: string | null };
	/** A stop against a list that never ends its cursor chain; Return All reads at most this many pages. */
	maxPages: number;
}

export function cursorPagination(paging: CursorPaging) {
	return async function (
		this: IExecutePaginationFunctions,
		request: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const returnAll = this.getNodeParameter('returnAll', false) as boolean;
		const limit = returnAll ? Infinity : (this.getNodeParameter('limit', 50) as number);
		const collected: INodeExecutionData[] = [];
		let qs = { ...request.options.qs };
		for (let page = 0; page < paging.maxPages && collected.length < limit; page++) {
			const options = { ...request.options, qs, returnFullResponse: true } as IHttpRequestOptions;
			const response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				paging.credentialType,
				options,
			)) as IN8nHttpFullResponse;
			const { items, cursor } = paging.readPage.call(this, response);
			collected.push(...items);
			if (items.length === 0 || cursor === null || cursor === qs[paging.cursorParameter]) break;
			qs = { ...qs, [paging.cursorParameter]: cursor };
		}
		return collected.slice(0, limit);
	};
}

/**
 * Page-number paging for Vote > Get Many, where the list numbers its pages (`?page=1`, `?page=2`, …) and sends a
 * fixed number of votes a page: the same loop as the cursor's, asking the next number until a page comes back
 * shorter than a full one (the last), Limit is met, or `maxPages` is reached.
 */
export interface PageNumberPaging {
	credentialType: string;
	/** The query parameter the list reads the page number from. */
	pageParameter: string;
	/** The number of the first page (1 on most lists). */
	firstPage: number;
	/** How many votes a full page holds: a shorter page is the last. */
	pageSize: number;
	/** A page of the list's answer as items. */
	readPage(this: IExecuteSingleFunctions, response: IN8nHttpFullResponse): INodeExecutionData[];
	/** A stop against a list that never sends a short page; Return All reads at most this many pages. */
	maxPages: number;
}

export function pageNumberPagination(paging: PageNumberPaging) {
	return async function (
		this: IExecutePaginationFunctions,
		request: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const returnAll = this.getNodeParameter('returnAll', false) as boolean;
		const limit = returnAll ? Infinity : (this.getNodeParameter('limit', 50) as number);
		const collected: INodeExecutionData[] = [];
		for (let page = 0; page < paging.maxPages && collected.length < limit; page++) {
			const qs = { ...request.options.qs, [paging.pageParameter]: String(paging.firstPage + page) };
			const options = { ...request.options, qs, returnFullResponse: true } as IHttpRequestOptions;
			const response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				paging.credentialType,
				options,
			)) as IN8nHttpFullResponse;
			const items = paging.readPage.call(this, response);
			collected.push(...items);
			if (items.length < paging.pageSize) break;
		}
		return collected.slice(0, limit);
	};
}
