/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
/*
 * The README of a single-list package, as npmjs.com shows it: the pack's README.md cut to what concerns that
 * list, with every link absolute (npmjs.com shows the README alone: the repository's files and the sections left
 * out are not there) and the list's example workflows linked.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ListKit } from '../../test/shared/kit';

const ROOT = join(__dirname, '..', '..');
/** The repository, as package.json's `repository` names it; the files are linked at `main`. */
export const REPOSITORY_URL = (
	JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { repository: { url: string } }
).repository.url
	.replace(/^git\+/, '')
	.replace(/\.git$/, '');
const FILE_URL = `${REPOSITORY_URL}/blob/main/`;
const RAW_URL = `${REPOSITORY_URL.replace('https://github.com/', 'https://raw.githubusercontent.com/')}/main/`;

/* ------------------------------------------------------------------------------------------------------------ */
/* Markdown, as much as the READMEs use                                                                          */
/* ------------------------------------------------------------------------------------------------------------ */

/** `markdown` with the lines of fenced code blocks blanked (same line count): no heading or link is read there. */
function withoutCode(markdown: string): string {
	let fenced = false;
	return markdown
		.split('\n')
		.map((line) => {
			if (/^\s*```/.test(line)) {
				fenced = !fenced;
				return '';
			}
			return fenced ? '' : line;
		})
		.join('\n');
}

/** The anchor GitHub (and npmjs.com) gives a heading: lower case, punctuation dropped, each space a hyphen. */
export const slugOf = (heading: string): string =>
	heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
		.replace(/ /g, '-');

/** The anchors of `markdown`'s headings, a repeated one numbered as GitHub does (`-1`, `-2`). */
export function anchorsOf(markdown: string): Set<string> {
	const anchors = new Set<string>();
	for (const [, text] of withoutCode(markdown).matchAll(/^#{1,6} +(.+?) *#* *$/gm)) {
		const slug = slugOf(text.replace(/`/g, ''));
		let anchor = slug;
		for (let count = 1; anchors.has(anchor); count++) anchor = `${slug}-${count}`;
		anchors.add(anchor);
	}
	return anchors;
}

export interface Link {
	target: string;
	image: boolean;
}

/** Markdown links and images (`[text](target)`, `![alt](target)`) and HTML `href`/`src`, outside code blocks. */
export function linksOf(markdown: string): Link[] {
	const text = withoutCode(markdown);
	const links: Link[] = [];
	for (const [, bang, target] of text.matchAll(
		/(!?)\[(?:[^[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g,
	))
		links.push({ target, image: bang === '!' });
	for (const [, attribute, target] of text.matchAll(/\b(href|src)\s*=\s*["']([^"']*)["']/g))
		links.push({ target, image: attribute === 'src' });
	return links;
}

const isAbsolute = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target);

/** Every relative link of `markdown` made absolute; an in-page anchor with no heading in `markdown` sent to the repository's README. */
export function absoluteLinks(markdown: string): string {
	const anchors = anchorsOf(markdown);
	const absolute = (target: string, image: boolean): string => {
		if (isAbsolute(target)) return target;
		if (target.startsWith('#'))
			return anchors.has(target.slice(1)) ? target : `${REPOSITORY_URL}${target}`;
		return (image ? RAW_URL : FILE_URL) + target.replace(/^\.\//, '');
	};
	let fenced = false;
	return markdown
		.split('\n')
		.map((line) => {
			if (/^\s*```/.test(line)) fenced = !fenced;
			if (fenced || /^\s*```/.test(line)) return line;
			return line
				.replace(
					/(!?)(\[(?:[^[\]]|\[[^\]]*\])*\]\(\s*)([^)\s]*)/g,
					(_match, bang: string, opening: string, target: string) =>
						`${bang}${opening}${absolute(target, bang === '!')}`,
				)
				.replace(
					/\b(href|src)(\s*=\s*["'])([^"']*)/g,
					(_match, attribute: string, equals: string, target: string) =>
						`${attribute}${equals}${absolute(target, attribute === 'src')}`,
				);
		})
		.join('\n');
}

/* ------------------------------------------------------------------------------------------------------------ */
/* The cut                                                                                                        */
/* ------------------------------------------------------------------------------------------------------------ */

/** The `##`/`###` section of README.md whose heading is `heading`, up to the next heading of its level or above. */
export function sectionOf(readme: string, heading: string): string {
	const lines = readme.split('\n');
	const start = lines.findIndex((line) => line === heading);
	if (start < 0) throw new Error(`README.md has no heading "${heading}"`);
	const level = heading.indexOf(' ');
	const end = lines.findIndex(
		(line, index) => index > start && /^#+ /.test(line) && line.indexOf(' ') <= level,
	);
	return lines
		.slice(start, end < 0 ? undefined : end)
		.join('\n')
		.trim();
}

/** The list's sample item on docs/sample-items.md, a `<details>` block whose summary starts with its display name. */
function sampleItemOf(
	kit: ListKit,
	samples: string = readFileSync(join(ROOT, 'docs', 'sample-items.md'), 'utf8'),
): string {
	const start = samples.indexOf(`<details><summary>${kit.platform.displayName}: `);
	if (start < 0)
		throw new Error(`docs/sample-items.md has no sample item for ${kit.platform.displayName}`);
	return samples.slice(start, samples.indexOf('</details>', start) + '</details>'.length);
}

/** The anchor of the list's setup section in the repository's README.md: the single-list package's homepage. */
export const setupAnchorOf = (kit: ListKit): string => slugOf(kit.platform.displayName);

/** The example workflows (file names under examples/) with a trigger of this list, and what README.md's table says each does. */
export function examplesOf(kit: ListKit, readme: string): Array<{ file: string; does: string }> {
	const type = `n8n-nodes-botlists.${new kit.Node().description.name}`;
	return readdirSync(join(ROOT, 'examples'))
		.filter((file) => file.endsWith('.json'))
		.sort()
		.filter((file) =>
			(
				JSON.parse(readFileSync(join(ROOT, 'examples', file), 'utf8')) as {
					nodes: Array<{ type: string }>;
				}
			).nodes.some((node) => node.type === type),
		)
		.map((file) => ({
			file,
			does:
				new RegExp(`^\\| \`${file.replace(/\./g, '\\.')}\` \\| (.+?) \\|$`, 'm').exec(
					readme,
				)?.[1] ?? '',
		}));
}

function examplesSection(kit: ListKit, name: string, readme: string): string {
	const node = new kit.Node().description.name;
	const lines = examplesOf(kit, readme).map(
		({ file, does }) => `- [\`${file}\`](examples/${file})${does ? `: ${does}` : ''}`,
	);
	return [
		'## Example workflows',
		`Download one (GitHub's *Download raw file* button), then in n8n **Workflows → Import from File** and pick your credentials. They are written for the pack, whose trigger type is \`n8n-nodes-botlists.${node}\`; with this package it is \`${name}.${node}\`: replace the one with the other in the file before importing (\`sed -i 's/"n8n-nodes-botlists\\.${node}"/"${name}.${node}"/' file.json\`), or n8n will not find the trigger's node.`,
		lines.join('\n'),
	].join('\n\n');
}

const demote = (section: string) => section.replace(/^(#+) /gm, '#$1 ');

/** The single-list package's README, from README.md: the list's setup section and the sections every list shares. */
export function readmeOf(
	kit: ListKit,
	name: string,
	readme: string = readFileSync(join(ROOT, 'README.md'), 'utf8'),
): string {
	const node = new kit.Node().description.displayName;
	const output = sectionOf(readme, '## Output').split('\n### Sample items')[0];
	const after = (headings: string[]) => headings.map((heading) => sectionOf(readme, heading));
	const cut = [
		`# ${name}`,
		`The **${node}** for [n8n](https://n8n.io): ${kit.platform.displayName} webhooks as workflow runs, each delivery verified and validated, one normalized item per delivery. It is the ${node} of [n8n-nodes-botlists](${REPOSITORY_URL}), alone: the same code, the same node and credential names, one package per list so that n8n can verify it.`,
		`## Installation\n\nIn n8n: **Settings → Community Nodes → Install**, \`${name}\` (on n8n Cloud, once n8n has verified the package). Install either this package or the pack \`n8n-nodes-botlists\` (every list), not both: see [One package or one per list](#one-package-or-one-per-list). A self-hosted n8n can also install it by hand from its tarball (\`npm pack ${name}\` downloads it), the way the pack's [Installation](${REPOSITORY_URL}#installation) shows for the pack.`,
		demote(sectionOf(readme, `### ${kit.platform.displayName}`)).replace(/^#### /, '## Setup: '),
		demote(sectionOf(readme, '### A URL the lists can reach')).replace(/^#### /, '## '),
		...after(['## Node options', '## Never reward twice']),
		examplesSection(kit, name, readme),
		`${output}\n\n### Sample item\n\n${sampleItemOf(kit)}`,
		...after(['## HTTP answers', '## Security', '## Troubleshooting', '## License']),
	].join('\n\n');
	return absoluteLinks(cut) + '\n';
}
