import { offendersIn } from '../scripts/check-function-length';

/** A function whose body has `bodyLines` statements: it spans bodyLines + 2 lines. */
const body = (bodyLines: number): string =>
	Array.from({ length: bodyLines }, (_, i) => `\tconst v${i} = ${i};`).join('\n');

describe('check-function-length', () => {
	it('reports a function over the limit with its line, name and length', () => {
		const text = `// a comment\nfunction long() {\n${body(59)}\n}\nfunction short() {\n${body(58)}\n}\n`;
		expect(offendersIn('x.ts', text)).toEqual([{ path: 'x.ts', line: 2, name: 'long', lines: 61 }]);
	});

	it('names arrow functions and methods by their variable or member', () => {
		const text = `const arrow = () => {\n${body(59)}\n};\nclass C {\n\tm() {\n${body(59)}\n\t}\n}\n`;
		expect(offendersIn('x.ts', text).map(({ name }) => name)).toEqual(['arrow', 'm']);
	});

	it("exempts jest's callbacks but not the functions inside them", () => {
		const text = `describe('d', () => {\n${body(70)}\n\tit.each([1])('t', () => {\n${body(70)}\n\t});\n\tfunction helper() {\n${body(59)}\n\t}\n});\n`;
		expect(offendersIn('x.ts', text).map(({ name }) => name)).toEqual(['helper']);
	});

	it("exempts a class's description property", () => {
		const text = `class Node {\n\tdescription = { f: () => {\n${body(70)}\n\t} };\n\tother = () => {\n${body(70)}\n\t};\n}\n`;
		expect(offendersIn('x.ts', text).map(({ name }) => name)).toEqual(['other']);
	});
});
