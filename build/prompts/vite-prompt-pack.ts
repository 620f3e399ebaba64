// The prompt pack as part of the renderer's build: built into <outDir>/prompts when the
// bundle is written, so that a renderer never ships without its voice. A missing prompt
// fails the build (see prompt-pack.ts). The bank's recorded narration is taken from the
// folder in KIOSK_NARRATION_DIR, where set.
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { buildPromptPack, durationTable } from './prompt-pack.ts';

export interface PromptPackPluginOptions {
  /** Where synthesised prompts are cached between builds. */
  readonly cache: string;
  /** Print every prompt's duration (the app build), or only the totals (the devkit's pages). */
  readonly list: boolean;
}

export function promptPack(options: PromptPackPluginOptions): Plugin {
  let outDir = '';
  return {
    name: 'kiosk-prompt-pack',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    async writeBundle() {
      const narration = process.env.KIOSK_NARRATION_DIR || undefined;
      const manifest = await buildPromptPack({ out: join(outDir, 'prompts'), narration, cache: options.cache });
      const table = durationTable(manifest);
      const lines = options.list ? table : table.split('\n').at(-1);
      process.stdout.write(
        `prompt pack (${join(outDir, 'prompts')}${narration ? `, narration from ${narration}` : ''}):\n${lines ?? ''}\n`,
      );
    },
  };
}
