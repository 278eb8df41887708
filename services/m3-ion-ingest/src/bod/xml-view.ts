// The parsed XML as the mappings read it (the kit's paths walk plain objects and do not pick from lists): an
// element that repeats in our BODs (xml.ts REPEATING, plus the ones a mapping names) is a list of element nodes,
// as `list` reads it (text-only elements become { '#text' }); any other element given more than once is its
// first occurrence, as `at`/`text` read it. Attributes (`@_…`) and text (`#text`) are kept as parsed.
import { list, REPEATING, type XmlNode } from './xml';

const isNode = (v: unknown): v is XmlNode => typeof v === 'object' && v !== null && !Array.isArray(v);

function viewOf(node: XmlNode, lists: ReadonlySet<string>): XmlNode {
  const out: XmlNode = {};
  for (const [name, value] of Object.entries(node)) {
    if (name === '#text' || name.startsWith('@_')) out[name] = value;
    else if (lists.has(name)) out[name] = list(node, name).map((el) => viewOf(el, lists));
    else {
      const first: unknown = Array.isArray(value) ? value[0] : value;
      out[name] = isNode(first) ? viewOf(first, lists) : first;
    }
  }
  return out;
}

/** The view of an element (e.g. the noun); `alsoLists` names further elements read as lists. */
export const xmlView = (node: XmlNode, alsoLists: readonly string[] = []): XmlNode =>
  viewOf(node, alsoLists.length ? new Set([...REPEATING, ...alsoLists]) : REPEATING);
