import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { offlineOpenApiDocument } from './openapi.offline';
import { PAGE_TYPES_DIR, pageTypes } from './page-types';

/** `npm run generate:page-types`: writes the pages' types from the API document. */
async function main(): Promise<void> {
  const files = await pageTypes(await offlineOpenApiDocument());
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(PAGE_TYPES_DIR, name), text);
    console.log(`wrote ${join(PAGE_TYPES_DIR, name)}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
