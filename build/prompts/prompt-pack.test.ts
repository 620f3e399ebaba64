// The prompt pack as the build makes it, with the real espeak-ng and sox: one file per script
// and language, each measured (soxi) and listed; a bank's recording replaces the synthesised
// prompt of its id; a missing prompt, or a recording no script knows, fails the build.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SCRIPT_IDS, VOICE_SCRIPTS } from '../../electron/common/voice/voice-scripts.ts';
import { describeWhenAvailable, type Availability } from '../../test/support/components.ts';
import {
  buildPromptPack,
  durationTable,
  PROMPT_LANGUAGES,
  PromptPackError,
  promptToolsMissing,
  type PromptManifest,
  type RunTool,
} from './prompt-pack.ts';

const missing = await promptToolsMissing();
const tools: Availability = missing ? { ok: false, error: missing } : { ok: true, value: undefined };

describeWhenAvailable('the prompt pack, built with espeak-ng and sox', tools, () => {
  const work = mkdtempSync(join(tmpdir(), 'kiosk-prompts-'));
  const cache = join(work, 'cache');
  let manifest: PromptManifest;
  beforeAll(async () => {
    manifest = await buildPromptPack({ out: join(work, 'pack'), cache });
  }, 180_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('has one measured audio file per script id and language, and lists their durations', () => {
    expect(manifest.prompts).toHaveLength(SCRIPT_IDS.length * PROMPT_LANGUAGES.length);
    for (const language of PROMPT_LANGUAGES) {
      for (const id of SCRIPT_IDS) {
        const prompt = manifest.prompts.find((entry) => entry.id === id && entry.language === language);
        expect({ id, language, file: prompt && existsSync(join(work, 'pack', prompt.file)) }).toEqual({ id, language, file: true });
      }
    }
    // Durations as soxi measured them: nothing silent, nothing that would hold a customer up
    // (the service terms, read on the confirmation screen, are the longest by nature).
    const tooLong = manifest.prompts.filter((prompt) => prompt.seconds > (prompt.id.endsWith('.terms') ? 40 : 15));
    expect(tooLong).toEqual([]);
    expect(Math.min(...manifest.prompts.map((prompt) => prompt.seconds))).toBeGreaterThan(0.2);
    const table = durationTable(manifest);
    process.stdout.write(`${table}\n`);
    expect(table.split('\n')).toHaveLength(SCRIPT_IDS.length + 1);
  });

  it('takes a bank’s recorded narration in place of the synthesised prompt of the same id', async () => {
    const narration = join(work, 'narration');
    mkdirSync(join(narration, 'ja'), { recursive: true });
    // A 1.5-second "recording" in a format of the bank's choosing.
    execFileSync('sox', ['-n', '-r', '44100', '-c', '2', join(narration, 'ja', 'top.wav'), 'synth', '1.5', 'sine', '440']);
    const recorded = await buildPromptPack({ out: join(work, 'with-narration'), narration, cache });
    const top = recorded.prompts.find((prompt) => prompt.id === 'top' && prompt.language === 'ja');
    expect(top?.source).toBe('recorded');
    expect(top?.seconds).toBeCloseTo(1.5, 1);
    expect(recorded.prompts.find((prompt) => prompt.id === 'top' && prompt.language === 'en')?.source).toBe('espeak-ng');
    expect(recorded.prompts.filter((prompt) => prompt.source === 'recorded')).toHaveLength(1);
  });

  it('fails the build on a missing prompt, and on a recording no script has', async () => {
    const narration = join(work, 'partial');
    mkdirSync(join(narration, 'en'), { recursive: true });
    execFileSync('sox', ['-n', join(narration, 'en', 'top.wav'), 'synth', '1', 'sine', '440']);
    // Recorded only: every other prompt is missing, and the build names them.
    const recordedOnly = buildPromptPack({ out: join(work, 'recorded-only'), narration, synthesize: false });
    await expect(recordedOnly).rejects.toThrow(PromptPackError);
    await expect(recordedOnly).rejects.toThrow(/ja\/pin\.digits\.4/);
    execFileSync('sox', ['-n', join(narration, 'en', 'tpo.wav'), 'synth', '1', 'sine', '440']);
    await expect(buildPromptPack({ out: join(work, 'typo'), narration, cache })).rejects.toThrow(/en\/tpo: no voice script has this id/);
  });

  it('fails the build on a recording that is silent (empty)', async () => {
    const narration = join(work, 'silent');
    mkdirSync(join(narration, 'ja'), { recursive: true });
    execFileSync('sox', ['-n', '-r', '22050', join(narration, 'ja', 'pin.wav'), 'trim', '0', '0']);
    await expect(buildPromptPack({ out: join(work, 'silent-pack'), narration, cache })).rejects.toThrow(
      /silent prompts:\n {2}ja\/pin\.ogg/,
    );
  });

  // `npm start` builds the pack every time: with nothing changed, nothing is synthesised
  // again; a changed script resynthesises that prompt; a new espeak-ng version, every one.
  it('reuses the pack of the same content, and resynthesises what a changed script or tool version changes', async () => {
    const contentCache = join(work, 'content-cache');
    const calls: string[] = [];
    /** The real tools, each run counted; espeak-ng saying the version given, where one is. */
    const counted =
      (espeakVersion?: string): RunTool =>
      async (file, args) => {
        if (args[0] === '--version') {
          if (file === 'espeak-ng' && espeakVersion) return { stdout: espeakVersion };
        } else calls.push(file);
        return { stdout: (await promisify(execFile)(file, [...args])).stdout };
      };
    const runs = (): Record<string, number> => {
      const count: Record<string, number> = {};
      for (const file of calls.splice(0)) count[file] = (count[file] ?? 0) + 1;
      return count;
    };
    // Prompts of the same words in one voice share a synthesis (unless two are made at once).
    const distinct = new Set(SCRIPT_IDS.flatMap((id) => [`ja:${VOICE_SCRIPTS[id].kana}`, `en:${VOICE_SCRIPTS[id].en}`])).size;
    const everyPrompt = (count: number | undefined): boolean =>
      count !== undefined && count >= distinct && count <= SCRIPT_IDS.length * PROMPT_LANGUAGES.length;

    const first = await buildPromptPack({ out: join(work, 'first'), cache: contentCache, run: counted() });
    expect(everyPrompt(runs()['espeak-ng'])).toBe(true);
    // Unchanged: the same pack, made without running a tool.
    const second = await buildPromptPack({ out: join(work, 'second'), cache: contentCache, run: counted() });
    expect(runs()).toEqual({});
    expect(second).toEqual(first);
    expect(readFileSync(join(work, 'second', 'en', 'top.ogg'))).toEqual(readFileSync(join(work, 'first', 'en', 'top.ogg')));

    // One script changed: that prompt alone is spoken again, and is what the pack now holds.
    const scripts = { ...VOICE_SCRIPTS, top: { ...VOICE_SCRIPTS.top, en: `${VOICE_SCRIPTS.top.en} Thank you for waiting.` } };
    const changed = await buildPromptPack({ out: join(work, 'changed'), cache: contentCache, run: counted(), scripts });
    expect(runs()['espeak-ng']).toBe(1);
    const seconds = (manifest: PromptManifest, language: string): number =>
      manifest.prompts.find((prompt) => prompt.id === 'top' && prompt.language === language)?.seconds ?? 0;
    expect(seconds(changed, 'en')).toBeGreaterThan(seconds(first, 'en') + 0.5);
    expect(seconds(changed, 'ja')).toBe(seconds(first, 'ja'));

    // Another version of the synthesiser: every prompt is spoken again.
    await buildPromptPack({ out: join(work, 'new-espeak'), cache: contentCache, run: counted('eSpeak NG text-to-speech: 9.99') });
    expect(everyPrompt(runs()['espeak-ng'])).toBe(true);
  }, 300_000);
});
