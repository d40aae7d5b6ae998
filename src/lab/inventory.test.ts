import { describe, expect, it } from "vitest";
import { assignments, ec2Credentials, missingAfter, names } from "./inventory.js";

describe("lab inventory", () => {
  it("reads names from openstack's JSON even after a warning line", () => {
    const out = 'WARNING: something\n[{"ID": "1", "Name": "demo"}, {"ID": "2", "Name": "physics"}]';
    expect(names("project", out)).toEqual(["project:demo", "project:physics"]);
  });

  it("describes role assignments by role, actor and target", () => {
    const out = JSON.stringify([
      {
        Role: "member",
        User: "alice@Default",
        Group: "",
        Project: "demo@Default",
        Domain: "",
        System: "",
        Inherited: false,
      },
      {
        Role: "admin",
        User: "admin@Default",
        Group: "",
        Project: "",
        Domain: "",
        System: "all",
        Inherited: false,
      },
    ]);
    expect(assignments(out)).toEqual([
      "assignment:member:alice@Default:demo@Default",
      "assignment:admin:admin@Default:system:all",
    ]);
  });

  it("says whether an EC2 credential's blob still decrypts to the planted secret", () => {
    const out = JSON.stringify([
      { ID: "x", Type: "ec2", Blob: JSON.stringify({ access: "AK", secret: "s3" }) },
    ]);
    expect(ec2Credentials(out, "s3")).toEqual(["ec2:AK:decrypts"]);
    expect(ec2Credentials(out, "other")).toEqual(["ec2:AK:does-not-decrypt"]);
  });

  it("lists what went missing, ignoring what was added", () => {
    expect(missingAfter(["a", "b"], ["b", "c"])).toEqual(["a"]);
    expect(missingAfter(["a"], ["a", "z"])).toEqual([]);
  });
});
