#!/usr/bin/env node
// Generates src/api/schema.d.ts from the OpenAPI spec with openapi-typescript.
//   npm run gen:api                 -> reads $OPENAPI, default ../openapi.yaml
//   npm run check:api               -> regenerates into a temp file, fails if it differs
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const target = join(root, "src/api/schema.d.ts");
const check = process.argv.includes("--check");

const spec = resolve(root, process.env.OPENAPI || "../openapi.yaml");
if (!existsSync(spec)) {
  console.error(`error: OpenAPI spec not found: ${spec}`);
  process.exit(2);
}

const require = createRequire(import.meta.url);
const cli = join(dirname(require.resolve("openapi-typescript/package.json")), "bin/cli.js");

function generate(out) {
  const res = spawnSync(process.execPath, [cli, spec, "-o", out], { stdio: ["ignore", "ignore", "inherit"] });
  if (res.status !== 0) process.exit(res.status ?? 1);
}

if (!check) {
  generate(target);
  console.log(`wrote ${target} from ${spec}`);
} else {
  const dir = mkdtempSync(join(tmpdir(), "botschaft-api-"));
  try {
    const out = join(dir, "schema.d.ts");
    generate(out);
    const fresh = readFileSync(out, "utf8");
    const committed = existsSync(target) ? readFileSync(target, "utf8") : "";
    if (fresh !== committed) {
      console.error(`src/api/schema.d.ts is out of date with ${spec}; run \`npm run gen:api\` and commit it.`);
      process.exit(1);
    }
    console.log(`src/api/schema.d.ts matches ${spec}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
