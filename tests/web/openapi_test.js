// docs/openapi.yaml is a valid OpenAPI 3.0 document (YAML, then the OpenAPI schema), by
// @apidevtools/swagger-parser, pinned in package-lock.json and installed by scripts/setup.
// The validator is first shown a spec with the mistake once made here (an unquoted comma in a
// flow mapping), which it must refuse.
//
//   node openapi_test.js path/to/openapi.yaml
"use strict";
const SwaggerParser = require("@apidevtools/swagger-parser");
const fs = require("fs");
const os = require("os");
const path = require("path");

const [spec] = process.argv.slice(2);

async function refusesABrokenSpec() {
  const broken = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "luutru-openapi-")), "broken.yaml");
  fs.writeFileSync(broken, [
    "openapi: 3.0.3",
    "info: {title: t, version: '1'}",
    "paths:",
    "  /x:",
    "    get:",
    "      responses:",
    "        '200': {description: The page, upright, content: {image/png: {schema: {type: string}}}}",
    "",
  ].join("\n"));
  try {
    await SwaggerParser.validate(broken);
    return false;
  } catch (error) {
    return true;
  } finally {
    fs.rmSync(path.dirname(broken), { recursive: true, force: true });
  }
}

(async () => {
  if (!(await refusesABrokenSpec())) {
    console.log("FAIL: the validator took a broken spec; it checks nothing");
    process.exit(1);
  }
  try {
    const api = await SwaggerParser.validate(spec);
    const paths = Object.keys(api.paths);
    if (paths.length < 5) throw new Error(`only ${paths.length} paths documented`);
    console.log(`${spec}: a valid OpenAPI ${api.openapi} document, ${paths.length} paths`);
  } catch (error) {
    console.log(`FAIL: ${spec}: ${error.message}`);
    process.exit(1);
  }
})();
