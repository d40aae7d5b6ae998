const MAX_SLUG = 60;

/** A lowercase `a-z0-9-` file and URL name for a journal; falls back to its id. */
export function journalSlug(title: string, id: string): string {
  const fromTitle = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, MAX_SLUG)
    .replace(/^-+|-+$/g, "");
  return fromTitle || `journal-${idPart(id)}`;
}

/**
 * Slugs for several journals, unique within the export: a journal whose slug another already
 * took gets a suffix from its id.
 */
export function uniqueSlugs(
  journals: readonly { id: string; title: string }[],
): Map<string, string> {
  const taken = new Set<string>();
  const slugs = new Map<string, string>();
  for (const j of journals) {
    let slug = journalSlug(j.title, j.id);
    if (taken.has(slug)) slug = `${slug}-${idPart(j.id)}`;
    for (let n = 2; taken.has(slug); n++)
      slug = `${journalSlug(j.title, j.id)}-${idPart(j.id)}-${n}`;
    taken.add(slug);
    slugs.set(j.id, slug);
  }
  return slugs;
}

function idPart(id: string): string {
  return (
    id
      .toLowerCase()
      .replace(/[^a-z0-9]/g, "")
      .slice(-8) || "x"
  );
}
