import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';

/**
 * Paging for Vote > Get Many. n8n's generic pagination cannot stop at Limit across pages, so this asks page after
 * page with n8n's own authenticated request helper until the list says it has no more (an empty page, or the
 * list's own sign of the last page), Limit is met, or `maxPages` is reached.
 */
interface Paging {
	credentialType: string;
	/** A stop against a list that never ends its pages; Return All reads at most this many. */
	maxPages: number;
}

/** A page as items, and the query of the next page (null after the last). */
type PageStep = (
	this: IExecuteSingleFunctions,
	response: IN8nHttpFullResponse,
	query: IDataObject,
) => { items: INodeExecutionData[]; next: IDataObject | null };

function pagesUntilLimit(
	paging: Paging,
	firstQuery: (query: IDataObject) => IDataObject,
	step: PageStep,
) {
	return async function (
		this: IExecutePaginationFunctions,
		request: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const returnAll = this.getNodeParameter('returnAll', false) as boolean;
		const limit = returnAll ? Infinity : (this.getNodeParameter('limit', 50) as number);
		const collected: INodeExecutionData[] = [];
		let query: IDataObject | null = firstQuery({ ...request.options.qs });
		for (
			let page = 0;
			page < paging.maxPages && query !== null && collected.length < limit;
			page++
		) {
			const options = {
				...request.options,
				qs: query,
				returnFullResponse: true,
			} as IHttpRequestOptions;
			const response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				paging.credentialType,
				options,
			)) as IN8nHttpFullResponse;
			const { items, next }: ReturnType<PageStep> = step.call(this, response, query);
			collected.push(...items);
			query = items.length === 0 ? null : next;
		}
		return collected.slice(0, limit);
	};
}

/** Cursor paging: the list hands back a cursor with each page (none, or the same one, on the last). */
export interface CursorPaging extends Paging {
	/** The query parameter the list reads the cursor from. */
	cursorParameter: string;
	/** A page of the list's answer as items, and the cursor for the next page (null on the last). */
	readPage(
		this: IExecuteSingleFunctions,
		response: IN8nHttpFullResponse,
	): { items: INodeExecutionData[]; cursor: string | null };
}

export function cursorPagination(paging: CursorPaging) {
	return pagesUntilLimit(
		paging,
		(query) => query,
		function (response, query) {
			const { items, cursor } = paging.readPage.call(this, response);
			const last = cursor === null || cursor === query[paging.cursorParameter];
			return { items, next: last ? null : { ...query, [paging.cursorParameter]: cursor } };
		},
	);
}

/**
 * Page-number paging: the list numbers its pages (`?page=1`, `?page=2`, …) and sends a fixed number of votes a
 * page, so a page shorter than a full one is the last.
 */
export interface PageNumberPaging extends Paging {
	/** The query parameter the list reads the page number from. */
	pageParameter: string;
	/** The number of the first page (1 on most lists). */
	firstPage: number;
	/** How many votes a full page holds. */
	pageSize: number;
	/** A page of the list's answer as items. */
	readPage(this: IExecuteSingleFunctions, response: IN8nHttpFullResponse): INodeExecutionData[];
}

export function pageNumberPagination(paging: PageNumberPaging) {
	return pagesUntilLimit(
		paging,
		(query) => ({ ...query, [paging.pageParameter]: String(paging.firstPage) }),
		function (response, query) {
			const items = paging.readPage.call(this, response);
			const page = Number(query[paging.pageParameter]) + 1;
			const last = items.length < paging.pageSize;
			return { items, next: last ? null : { ...query, [paging.pageParameter]: String(page) } };
		},
	);
}
