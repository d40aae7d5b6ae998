import type { Inventory } from "./inventory.js";
import type { ConfigOverride } from "./types.js";

/** What one tool's reader found, before redaction and assembly into a snapshot. */
export interface ToolRead {
  release: string | null;
  baseDistro: string | null;
  enabledServices: string[];
  imageRegistry: string | null;
  imageTags: Record<string, string>;
  inventory: Inventory;
  overrides: ConfigOverride[];
  variables: Record<string, unknown>;
  /** Extra network facts beyond `*_interface` / `*_vip_address` variables. */
  interfaces?: Record<string, string>;
}
