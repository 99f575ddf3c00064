import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const SERVER_ONLY = ["@/lib/server/*", "**/lib/server/**", "**/generated/prisma/**", "@prisma/client"];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", ".data/**", "lib/generated/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts"]),
  {
    rules: {
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Environment variables are read and validated in one place: lib/env.ts.
      "no-restricted-syntax": [
        "error",
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: "Read configuration through getEnv() from lib/env.ts." },
      ],
    },
  },
  {
    // Entry points, tooling and tests may read the raw environment.
    files: ["lib/env.ts", "proxy.ts", "scripts/**", "e2e/**", "**/*.test.ts", "*.config.*", "prisma.config.ts", "lib/server/runtime/**", "lib/testing/**"],
    rules: { "no-restricted-syntax": "off" },
  },
  {
    // Components call the API through lib/client/api/<feature>.ts and a query or mutation hook, never by URL.
    // Help text that names an endpoint (a JSX text or a non-URL attribute such as a card description) is fine.
    files: ["components/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: "Read configuration through getEnv() from lib/env.ts." },
        ...[":not(JSXAttribute) > Literal[value=/\\/api\\/v1/]", "JSXAttribute[name.name=/^(href|src|action|formAction)$/] > Literal[value=/\\/api\\/v1/]", "TemplateElement[value.raw=/\\/api\\/v1/]"].map(
          (selector) => ({ selector, message: "Call the API through lib/client/api/<feature>.ts and a hook from lib/client/hooks or lib/client/queries." }),
        ),
      ],
    },
  },
  {
    // Browser code never reaches server modules or Prisma (STYLE.md layering).
    files: ["components/**", "lib/client/**", "lib/shared/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [{ group: SERVER_ONLY, message: "Browser and shared code must not import server modules." }] }] },
  },
  {
    // Only repositories talk to Prisma.
    files: ["app/**", "lib/server/services/**", "lib/server/auth/**", "lib/server/http/**", "lib/server/jobs/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/db", "**/generated/prisma/**", "@prisma/client"], message: "Go through a repository in lib/server/repositories." }] },
      ],
    },
  },
]);
