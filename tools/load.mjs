// Imports a tool of this package by name: the import below resolves from this folder, so from
// tools/node_modules, which scripts/ensure-tools.mjs installs on first use (its own lock).
import { ensureTools } from '../scripts/ensure-tools.mjs';

export async function loadTool(name) {
  if (!ensureTools()) throw new Error(`tools/ could not be installed (npm ci failed; output above), so ${name} cannot be loaded.`);
  return import(name);
}
