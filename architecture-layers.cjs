/**
 * The contexts of src/, stacked bottom to top (docs/architecture.md). Read by the boundary rule
 * (.dependency-cruiser.cjs: imports) and by src/database/table-owners.spec.ts (SQL: a statement
 * names tables of its own context and of those below it only).
 */
/**
 * Bottom to top: [name, folders under src/ (regular expressions)]. The first five are the
 * foundation (they import no context), in their own order; the page kit (`common/web/`) sits
 * above the rest of common.
 */
const LAYERS = [
  ['config', ['config']],
  ['database', ['database']],
  ['i18n', ['i18n']],
  ['common', ['common(?!/web/)']],
  ['web', ['common/web']],
  ['audit', ['audit']],
  ['auth', ['auth']],
  ['partners', ['partners']],
  ['mail', ['mail']],
  ['meetings', ['meetings']],
  ['themes', ['themes']],
  ['projects', ['projects']],
  ['documents', ['documents']],
  ['portal', ['portal']],
  ['dashboard', ['dashboard']],
  ['reports', ['reports']],
  ['privacy', ['privacy']],
  ['search', ['search']],
  ['demo-health', ['demo', 'health']],
];

module.exports = { LAYERS };
