import { type CloudSnapshot, diffCloud, renderCloudDiffText } from "../../cloud/index.js";

/** The cloud diff in the same shape as the config diff, with its text. */
export function diffCloudSnapshots(
  a: unknown,
  b: unknown,
): { sections: ReturnType<typeof diffCloud>; text: string } {
  const sections = diffCloud(a as CloudSnapshot, b as CloudSnapshot);
  return { sections, text: renderCloudDiffText(sections) };
}
