// @ts-check
/**
 * An ESLint rule that keeps the layers apart: each boundary names the files it governs (`from`),
 * the files they may not import (`disallow`, by resolved repository path, or by package name) and
 * the exceptions (`allow`; `allowTypes` for `import type` only). Relative imports are resolved
 * against the importing file, so "../../training/service.js" is checked as src/training/service.ts.
 */
import path from "node:path";

/**
 * @typedef {{ from: RegExp, except?: RegExp, disallow: RegExp[], allow?: RegExp[], allowTypes?: RegExp[], message: string }} Boundary
 */

/** The repository path of an import: "src/training/service" for a relative import, the package name otherwise. */
function target(root, filename, source) {
  if (!source.startsWith(".")) return source;
  const absolute = path.resolve(path.dirname(filename), source);
  return path
    .relative(root, absolute)
    .split(path.sep)
    .join("/")
    .replace(/\.(js|ts|tsx|mjs)$/, "");
}

/** @type {import("eslint").Rule.RuleModule} */
const rule = {
  meta: {
    type: "problem",
    docs: { description: 'Imports must respect the layer boundaries (docs/ARCHITECTURE.md, "Boundaries").' },
    schema: [{ type: "object", properties: { root: { type: "string" }, boundaries: { type: "array" } }, additionalProperties: false }],
    messages: { crossed: "{{ target }}: {{ message }}" },
  },
  create(context) {
    const { root, boundaries } = /** @type {{ root: string, boundaries: Boundary[] }} */ (context.options[0]);
    const file = path.relative(root, context.filename).split(path.sep).join("/");
    const active = boundaries.filter((b) => b.from.test(file) && !(b.except?.test(file) ?? false));
    if (active.length === 0) return {};

    /** @param {any} node @param {any} sourceNode @param {boolean} typeOnly */
    function check(node, sourceNode, typeOnly) {
      if (!sourceNode || typeof sourceNode.value !== "string") return;
      const to = target(root, context.filename, sourceNode.value);
      for (const boundary of active) {
        if (!boundary.disallow.some((re) => re.test(to))) continue;
        if (boundary.allow?.some((re) => re.test(to))) continue;
        if (typeOnly && boundary.allowTypes?.some((re) => re.test(to))) continue;
        context.report({ node, messageId: "crossed", data: { target: to, message: boundary.message } });
      }
    }

    return {
      ImportDeclaration: (node) => check(node, node.source, /** @type {any} */ (node).importKind === "type"),
      ExportNamedDeclaration: (node) => check(node, node.source, /** @type {any} */ (node).exportKind === "type"),
      ExportAllDeclaration: (node) => check(node, node.source, /** @type {any} */ (node).exportKind === "type"),
      ImportExpression: (node) => check(node, node.source.type === "Literal" ? node.source : null, false),
    };
  },
};

export default { rules: { boundaries: rule } };
