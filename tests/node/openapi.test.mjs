// Validates kulanz's OpenAPI document with @seriousme/openapi-schema-validator.
// The document comes from KULANZ_OPENAPI_FILE (written by kulanz_openapi_dump, see
// tests/http/CMakeLists.txt) so that this test needs no running server.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { Validator } from "@seriousme/openapi-schema-validator";

function loadDocument() {
  const file = process.env.KULANZ_OPENAPI_FILE;
  assert.ok(file, "set KULANZ_OPENAPI_FILE to the document (ctest -R openapi_node does)");
  return JSON.parse(readFileSync(file, "utf8"));
}

test("the OpenAPI document is a valid OpenAPI 3.1 description", async () => {
  const document = loadDocument();
  const validator = new Validator();
  const result = await validator.validate(document);
  assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2));
  assert.equal(validator.version, "3.1");
});

test("every $ref resolves", async () => {
  const validator = new Validator();
  await validator.validate(loadDocument());
  const resolved = validator.resolveRefs();
  const text = JSON.stringify(resolved, (key, value) => (key === "$ref" ? undefined : value));
  assert.ok(text.length > 1000);
  const schemas = loadDocument().components.schemas;
  for (const name of ["Customer", "Invoice", "CreditNote", "Payment", "Problem", "Balance", "OpenItems", "Statement", "Summary"]) {
    assert.ok(schemas[name], `schema ${name} is documented`);
  }
});

test("every operation is authenticated except the document itself and the signed SMS reports and payment events, and documents its problems", () => {
  const document = loadDocument();
  assert.deepEqual(document.security, [{ bearerAuth: [] }]);
  assert.equal(document.components.securitySchemes.bearerAuth.scheme, "bearer");
  let operations = 0;
  for (const [path, item] of Object.entries(document.paths)) {
    assert.ok(path.startsWith("/api/v1/"), path);
    for (const [method, operation] of Object.entries(item)) {
      operations += 1;
      const open = Array.isArray(operation.security) && operation.security.length === 0;
      const signed = path === "/api/v1/sms/status" || path === "/api/v1/payments/events";
      assert.equal(open, path === "/api/v1/openapi.json" || signed, `${method} ${path}`);
      if (!open) {
        assert.equal(operation.responses["401"].content["application/problem+json"].schema.$ref, "#/components/schemas/Problem");
      }
      assert.ok(operation.responses.default, `${method} ${path} has a default problem response`);
    }
  }
  assert.ok(operations >= 21, `found ${operations} operations`);
});
