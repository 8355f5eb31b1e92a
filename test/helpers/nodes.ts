import type { IDataObject, INodeType } from 'n8n-workflow';
import { LISTS } from '../registry';
import { bearerRemoved, type ListKit } from '../shared/kit';

export interface NodeUnderTest {
	platform: string;
	kit: ListKit;
	node: INodeType;
	credentials: IDataObject;
	/** Every secret in `credentials`, to search answers and logs for. */
	secrets: string[];
	/** Headers that prove a body came from the platform. */
	sign(body: Buffer | string): Record<string, string>;
	/** The list's sample example, exact bytes. */
	example: string;
}

/** A secret as saved, and without a `Bearer ` scheme: either may leak. */
const secretForms = (value: string) => [value, bearerRemoved(value)];

/** One entry per list of the registry, with a genuine delivery, so that pipeline behaviours are checked on every node. */
export const nodesUnderTest: NodeUnderTest[] = LISTS.map((kit) => ({
	platform: kit.platform.name,
	kit,
	node: new kit.Node(),
	credentials: { ...kit.credentials },
	secrets: [...new Set(Object.values(kit.credentials).flatMap(secretForms))],
	sign: (body) => kit.sign(body, kit.credentials),
	example: kit.examples[kit.sample],
}));

export function nodeUnderTest(platform: string): NodeUnderTest {
	const entry = nodesUnderTest.find((candidate) => candidate.platform === platform);
	if (entry === undefined) throw new Error(`No list "${platform}" in the registry`);
	return entry;
}
