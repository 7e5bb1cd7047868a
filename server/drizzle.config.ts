// drizzle-kit's configuration (`npm run db:generate`). drizzle-kit lives in tools/ (installed on
// first use by scripts/ensure-tools.mjs), so this file imports nothing from it: a plain object.
export default {
  dialect: 'sqlite',
  schema: './src/db/schema.ts',
  out: './drizzle',
};
