import { describe, expect, it } from "vitest";
import { validateSchema } from "./schema-lite.js";

const schema = {
  $defs: { n: { type: "integer", minimum: 1 } },
  type: "object",
  properties: { a: { $ref: "#/$defs/n" }, b: { oneOf: [{ type: "string" }, { type: "null" }] } },
  required: ["a"],
  additionalProperties: false,
};

describe("schema-lite", () => {
  it("accepts a valid value and reports each wrong spot by path", () => {
    expect(validateSchema(schema, { a: 1, b: null })).toEqual([]);
    expect(validateSchema(schema, { a: 0, b: 3, c: 1 })).toEqual([
      "$.a: below 1",
      "$.b: 0 of the oneOf alternatives match",
      "$.c: nothing is allowed here",
    ]);
    expect(validateSchema(schema, {})).toEqual(["$.a: missing"]);
  });

  it("refuses keywords it does not implement", () => {
    expect(() => validateSchema({ type: "object", maxProperties: 2 }, {})).toThrow(/maxProperties/);
  });
});
