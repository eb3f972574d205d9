import { buildDataset, type SizeName } from './datasets';

/** `node dist/test/bench/generate.js S out.sqlite`: builds one data set alone (for inspection). */
async function main(): Promise<void> {
  const [size = 'S', file = `data/bench/${size}.sqlite`] = process.argv.slice(2);
  console.log(await buildDataset(size as SizeName, file));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
