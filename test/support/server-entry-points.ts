/**
 * Finds every way a request reaches our code — exported server actions ("use server" files),
 * inline server actions, and the HTTP methods of app/ route handlers — and says which are not
 * the result of an audience wrapper call (lib/http/action.ts, lib/http/route-handler.ts).
 * Reads the source with the TypeScript compiler; runs nothing.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

export const ACTION_WRAPPERS = {
  module: "@/lib/http/action",
  names: [
    "staffAction",
    "staffCall",
    "institutionAction",
    "linkHolderAction",
    "secondFactorAction",
    "secondFactorCall",
    "publicAction",
  ],
} as const;
export const ROUTE_WRAPPERS = {
  module: "@/lib/http/route-handler",
  names: ["staffRoute", "institutionRoute", "linkHolderRoute", "apiTokenRoute", "publicRoute"],
} as const;
const HTTP_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

export interface EntryPoint {
  file: string;
  name: string;
  kind: "action" | "route";
  /** The wrapper it is made with, or null when it is not made with one. */
  wrapper: string | null;
}

export interface ScanResult {
  entryPoints: EntryPoint[];
  /** Things that are wrong whatever they are wrapped in: inline actions, re-exports, destructured exports. */
  problems: string[];
}

function hasUseServer(statements: readonly ts.Statement[]): boolean {
  for (const statement of statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) return false;
    if (statement.expression.text === "use server") return true;
  }
  return false;
}

function isExported(node: ts.Node): boolean {
  return (
    ts.canHaveModifiers(node) &&
    (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)
  );
}

/** Local names imported from `module`, mapped to the name they have there. */
function importsFrom(source: ts.SourceFile, module: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const statement of source.statements) {
    if (
      !ts.isImportDeclaration(statement) ||
      !ts.isStringLiteral(statement.moduleSpecifier) ||
      statement.moduleSpecifier.text !== module
    )
      continue;
    const bindings = statement.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings)) continue;
    for (const element of bindings.elements) names.set(element.name.text, (element.propertyName ?? element.name).text);
  }
  return names;
}

/** The wrapper an initialiser calls (`staffAction(...)`), when it is one of `allowed` imported from its module. */
function wrapperOf(
  initialiser: ts.Expression | undefined,
  imported: Map<string, string>,
  allowed: readonly string[],
): string | null {
  let expression = initialiser;
  while (
    expression &&
    (ts.isParenthesizedExpression(expression) || ts.isAsExpression(expression) || ts.isSatisfiesExpression(expression))
  )
    expression = expression.expression;
  if (!expression || !ts.isCallExpression(expression) || !ts.isIdentifier(expression.expression)) return null;
  const original = imported.get(expression.expression.text);
  return original && allowed.includes(original) ? original : null;
}

export function scanSource(file: string, text: string, { isRoute }: { isRoute: boolean }): ScanResult {
  const source = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const result: ScanResult = { entryPoints: [], problems: [] };
  const serverFile = hasUseServer(source.statements);

  // An inline "use server" function is an action no wrapper can be checked on: actions live in "use server" files.
  const visit = (node: ts.Node): void => {
    if (
      (ts.isFunctionDeclaration(node) ||
        ts.isFunctionExpression(node) ||
        ts.isArrowFunction(node) ||
        ts.isMethodDeclaration(node)) &&
      node.body &&
      ts.isBlock(node.body) &&
      hasUseServer(node.body.statements)
    ) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      result.problems.push(
        `${file}:${line + 1}: an inline "use server" function; define the action in an actions.ts file with an audience wrapper`,
      );
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (!serverFile && !isRoute) return result;

  const wrappers = serverFile ? ACTION_WRAPPERS : ROUTE_WRAPPERS;
  const imported = importsFrom(source, wrappers.module);
  const kind = serverFile ? "action" : "route";
  const counts = (name: string) => serverFile || HTTP_METHODS.has(name);
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement) && !statement.isTypeOnly) {
      result.problems.push(
        `${file}: re-exports (\`export { ... }\`) hide what an entry point is made with; export each one where it is defined`,
      );
    } else if (ts.isExportAssignment(statement)) {
      result.problems.push(`${file}: \`export default\` in a ${kind} file`);
    } else if (
      ts.isFunctionDeclaration(statement) &&
      isExported(statement) &&
      statement.name &&
      counts(statement.name.text)
    ) {
      result.entryPoints.push({ file, name: statement.name.text, kind, wrapper: null });
    } else if (ts.isVariableStatement(statement) && isExported(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (!ts.isIdentifier(declaration.name)) {
          result.problems.push(
            `${file}: a destructured export (\`export const { ... } =\`) cannot be checked; export each one from a wrapper call`,
          );
          continue;
        }
        if (!counts(declaration.name.text)) continue;
        result.entryPoints.push({
          file,
          name: declaration.name.text,
          kind,
          wrapper: wrapperOf(declaration.initializer, imported, wrappers.names),
        });
      }
    }
  }
  return result;
}

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "generated" && entry.name !== "node_modules") files.push(...sourceFiles(full));
    } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
      files.push(full);
    }
  }
  return files;
}

/** Every entry point under app/, components/ and lib/ of the repository at `root`. */
export function scanRepository(root: string): ScanResult {
  const result: ScanResult = { entryPoints: [], problems: [] };
  for (const folder of ["app", "components", "lib"]) {
    for (const file of sourceFiles(path.join(root, folder))) {
      const relative = path.relative(root, file).split(path.sep).join("/");
      const isRoute = folder === "app" && /(^|\/)route\.tsx?$/.test(relative);
      const scanned = scanSource(relative, readFileSync(file, "utf8"), { isRoute });
      result.entryPoints.push(...scanned.entryPoints);
      result.problems.push(...scanned.problems);
    }
  }
  return result;
}

/** `app/(analyst)/incidents/[reference]/route.ts` → `/incidents/[reference]`: the path pattern a route answers. */
export function routePattern(file: string): string {
  const segments = file
    .split("/")
    .slice(1, -1)
    .filter((segment) => !/^\(.*\)$/.test(segment));
  return `/${segments.join("/")}`;
}

/** The `route: "..."` strings of the rows of the e2e authorisation matrix. */
export function matrixRoutes(specText: string): string[] {
  const source = ts.createSourceFile("authorization.spec.ts", specText, ts.ScriptTarget.Latest, true);
  const routes: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isPropertyAssignment(node) &&
      ts.isIdentifier(node.name) &&
      node.name.text === "route" &&
      ts.isStringLiteralLike(node.initializer)
    ) {
      routes.push(node.initializer.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return routes;
}
