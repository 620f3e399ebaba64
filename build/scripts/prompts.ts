// `npm run prompts [-- --narration DIR] [--recorded-only] [--out DIR]`: builds the prompt pack
// (dist/prompts by default) and lists every prompt's duration, measured with soxi. The
// renderer's build makes the same pack beside the renderer (build/prompts/vite-prompt-pack.ts).
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildPromptPack, durationTable, PromptPackError } from '../prompts/prompt-pack.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { values } = parseArgs({
  options: {
    out: { type: 'string', default: join(root, 'dist', 'prompts') },
    narration: { type: 'string' },
    'recorded-only': { type: 'boolean', default: false },
  },
});
const narration = values.narration ?? (process.env.KIOSK_NARRATION_DIR || undefined);
try {
  const manifest = await buildPromptPack({
    out: resolve(values.out),
    narration: narration === undefined ? undefined : resolve(narration),
    synthesize: !values['recorded-only'],
    cache: join(root, 'dist', 'prompt-cache'),
  });
  process.stdout.write(`${durationTable(manifest)}\nprompt pack in ${resolve(values.out)}\n`);
} catch (error) {
  if (!(error instanceof PromptPackError)) throw error;
  process.stderr.write(`The prompt pack cannot be built: ${error.message}\n`);
  process.exitCode = 1;
}
