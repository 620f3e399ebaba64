// The prompt pack: one audio file per voice script and language (electron/common/voice/),
// Ogg Vorbis, mono, 22.05 kHz, in <out>/<language>/<script id>.ogg, with a manifest of what
// each one is and how long it lasts (measured with soxi). By default every prompt is
// synthesised with espeak-ng (Japanese from the kana reading, English from the text); a bank
// drops its recorded narration into a folder of its own (<folder>/<language>/<script id>.<any
// format sox reads>), which replaces the synthesised prompt of the same id. A prompt that is
// neither recorded nor synthesised, an empty one, or a recording whose id no script has, fails
// the build: the kiosk never goes silent where it should speak.
//
// Generated, not committed: the scripts are the source (a change to one would otherwise mean
// a binary change to review). Cached by content, since every `npm start` builds it: a whole
// pack by the scripts, the synthesiser's settings, the tools' versions and the recordings
// (an unchanged pack is copied, nothing is run but the tools' --version), and each synthesised
// prompt by its text, voice and tool versions (a changed script resynthesises that one).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { promisify } from 'node:util';
import { SCRIPT_IDS, VOICE_SCRIPTS, isScriptId, type ScriptId, type VoiceScript } from '../../electron/common/voice/voice-scripts.ts';

/** Runs a tool (espeak-ng, sox, soxi) and gives its output. */
export type RunTool = (file: string, args: readonly string[]) => Promise<{ stdout: string }>;
const execFileAsync = promisify(execFile);
const runTool: RunTool = async (file, args) => ({ stdout: (await execFileAsync(file, [...args])).stdout });

export const PROMPT_LANGUAGES = ['ja', 'en'] as const;
export type PromptLanguage = (typeof PROMPT_LANGUAGES)[number];

/** The pack's audio format: small, and played by Chromium and Electron alike. */
export const PROMPT_EXTENSION = '.ogg';

/** espeak-ng's voice and speed per language: a little slower than its default, for older ears. */
const VOICES: Readonly<Record<PromptLanguage, { voice: string; text: (script: VoiceScript) => string }>> = {
  ja: { voice: 'ja', text: (script) => script.kana },
  en: { voice: 'en-gb', text: (script) => script.en },
};
const WORDS_PER_MINUTE = '150';

export interface PromptEntry {
  readonly id: ScriptId;
  readonly language: PromptLanguage;
  /** Relative to the pack's folder. */
  readonly file: string;
  readonly seconds: number;
  readonly source: 'espeak-ng' | 'recorded';
}

export interface PromptManifest {
  readonly prompts: readonly PromptEntry[];
}

export interface PromptPackOptions {
  /** The pack's folder; emptied first. */
  readonly out: string;
  /** The bank's recorded narration, by language and script id; replaces synthesised prompts. */
  readonly narration?: string | undefined;
  /** False: every prompt must be recorded (a bank that ships no synthesised voice). */
  readonly synthesize?: boolean;
  /** Packs and synthesised prompts by content, reused across builds. */
  readonly cache?: string;
  /** The scripts to speak (by default the kiosk's, electron/common/voice/). */
  readonly scripts?: Readonly<Record<ScriptId, VoiceScript>>;
  /** How tools are run (by default as child processes). */
  readonly run?: RunTool;
}

export class PromptPackError extends Error {}

/** The recordings in the narration folder, by language and id; anything else there is an error. */
function recordings(folder: string | undefined): Map<string, string> {
  const found = new Map<string, string>();
  if (folder === undefined) return found;
  if (!existsSync(folder)) throw new PromptPackError(`narration folder ${folder} does not exist`);
  const problems: string[] = [];
  for (const language of readdirSync(folder)) {
    if (!(PROMPT_LANGUAGES as readonly string[]).includes(language)) {
      problems.push(`${language}: not a language of the pack (${PROMPT_LANGUAGES.join(', ')})`);
      continue;
    }
    for (const name of readdirSync(join(folder, language))) {
      const id = basename(name, extname(name));
      const key = `${language}/${id}`;
      if (!isScriptId(id)) problems.push(`${key}: no voice script has this id`);
      else if (found.has(key)) problems.push(`${key}: recorded twice`);
      else found.set(key, join(folder, language, name));
    }
  }
  if (problems.length > 0) throw new PromptPackError(`narration folder ${folder}:\n  ${problems.join('\n  ')}`);
  return found;
}

/** To the pack's format: mono, 22.05 kHz, peaks at -1 dB so recordings and synthesis sound alike. */
async function toPackFormat(run: RunTool, input: string, output: string, effects: readonly string[] = []): Promise<void> {
  await run('sox', [input, '-c', '1', '-r', '22050', output, ...effects, 'norm', '-1']);
}

/** espeak-ng's silence at both ends trimmed to a short pause, so spelt characters do not drag. */
const TRIM = ['silence', '1', '0.02', '0.5%', 'reverse', 'silence', '1', '0.02', '0.5%', 'reverse', 'pad', '0.05', '0.2'];

/** What makes a synthesised prompt: a change to any of it makes another file. */
interface Synthesis {
  readonly run: RunTool;
  readonly scripts: Readonly<Record<ScriptId, VoiceScript>>;
  /** The tools' own words for their versions. */
  readonly versions: string;
  readonly cache: string | undefined;
}

const hash = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 32);

async function synthesize(
  language: PromptLanguage,
  id: ScriptId,
  output: string,
  { run, scripts, versions, cache }: Synthesis,
): Promise<void> {
  const { voice, text } = VOICES[language];
  const spoken = text(scripts[id]);
  const key = hash([voice, WORDS_PER_MINUTE, TRIM, versions, spoken]);
  const cached = cache === undefined ? undefined : join(cache, `${key}${PROMPT_EXTENSION}`);
  if (cached && existsSync(cached)) {
    copyFileSync(cached, output);
    return;
  }
  const work = mkdtempSync(join(tmpdir(), 'kiosk-prompt-'));
  try {
    const wav = join(work, 'speech.wav');
    await run('espeak-ng', ['-v', voice, '-s', WORDS_PER_MINUTE, '-w', wav, '--', spoken]);
    await toPackFormat(run, wav, output, TRIM);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  if (cached && cache) {
    mkdirSync(cache, { recursive: true });
    // Written whole, then renamed: two builds at once never read half a file.
    const partial = `${cached}.${String(process.pid)}.part`;
    copyFileSync(output, partial);
    renameSync(partial, cached);
  }
}

/** The tools the build runs, there or named in the failure (Debian: espeak-ng, sox, libsox-fmt-base). */
async function requireTools(tools: readonly string[], run: RunTool = runTool): Promise<string> {
  const absent: string[] = [];
  const versions: string[] = [];
  for (const tool of tools) {
    try {
      versions.push(`${tool}: ${(await run(tool, ['--version'])).stdout.trim()}`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') absent.push(tool);
      else versions.push(`${tool}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (absent.length > 0)
    throw new PromptPackError(`${absent.join(', ')} not installed (Debian: apt-get install espeak-ng sox libsox-fmt-base)`);
  return versions.join('\n');
}

/** Whether this machine can build the pack: the tools are there, or which are not. */
export async function promptToolsMissing(): Promise<string | undefined> {
  try {
    await requireTools(['espeak-ng', 'sox', 'soxi']);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Durations in seconds, measured by soxi, in the order of the files. */
async function durations(run: RunTool, files: readonly string[]): Promise<number[]> {
  const seconds: number[] = [];
  for (let i = 0; i < files.length; i += 100) {
    const { stdout } = await run('soxi', ['-D', ...files.slice(i, i + 100)]);
    seconds.push(...stdout.trim().split('\n').map(Number));
  }
  return seconds;
}

/** Runs `work` on every item, `limit` at a time. */
async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      if (item !== undefined) await work(item);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

/** How many packs the cache keeps (a checkout's branches, narration or not). */
const PACKS_KEPT = 4;

/** The pack's content key: everything it is made of, recordings by their bytes. */
function packKey(
  recorded: ReadonlyMap<string, string>,
  synthesizing: boolean,
  scripts: Readonly<Record<ScriptId, VoiceScript>>,
  versions: string,
): string {
  const spoken = PROMPT_LANGUAGES.map((language) =>
    SCRIPT_IDS.map((id) => [id, VOICES[language].voice, VOICES[language].text(scripts[id])]),
  );
  const recordings = [...recorded]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, file]) => [key, hash(readFileSync(file).toString('base64'))]);
  return hash([PROMPT_EXTENSION, WORDS_PER_MINUTE, TRIM, synthesizing, versions, spoken, recordings]);
}

/** The pack of this key from the cache, copied to `out`; undefined when there is none. */
function cachedPack(folder: string, out: string): PromptManifest | undefined {
  if (!existsSync(join(folder, 'manifest.json'))) return undefined;
  rmSync(out, { recursive: true, force: true });
  cpSync(folder, out, { recursive: true });
  return JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as PromptManifest;
}

/** Keeps a built pack under its key (written whole, then renamed), and only the newest few. */
function keepPack(cache: string, key: string, out: string): void {
  const packs = join(cache, 'packs');
  const partial = join(packs, `${key}.${String(process.pid)}.part`);
  mkdirSync(packs, { recursive: true });
  cpSync(out, partial, { recursive: true });
  rmSync(join(packs, key), { recursive: true, force: true });
  renameSync(partial, join(packs, key));
  const byAge = readdirSync(packs)
    .filter((name) => !name.endsWith('.part'))
    .map((name) => ({ name, at: statSync(join(packs, name)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const { name } of byAge.slice(PACKS_KEPT)) rmSync(join(packs, name), { recursive: true, force: true });
}

/** Builds the pack, or copies the cached pack of the same content; fails with every missing or broken prompt named. */
export async function buildPromptPack(options: PromptPackOptions): Promise<PromptManifest> {
  const run = options.run ?? runTool;
  const scripts = options.scripts ?? VOICE_SCRIPTS;
  const recorded = recordings(options.narration);
  const synthesizing = options.synthesize ?? true;
  const versions = await requireTools(synthesizing ? ['espeak-ng', 'sox', 'soxi'] : ['sox', 'soxi'], run);
  const key = packKey(recorded, synthesizing, scripts, versions);
  const cached = options.cache === undefined ? undefined : cachedPack(join(options.cache, 'packs', key), options.out);
  if (cached) return cached;
  const synthesis: Synthesis = { run, scripts, versions, cache: options.cache };
  const wanted = PROMPT_LANGUAGES.flatMap((language) => SCRIPT_IDS.map((id) => ({ language, id })));
  const missing = wanted.filter(({ language, id }) => !recorded.has(`${language}/${id}`) && !synthesizing);
  if (missing.length > 0) {
    throw new PromptPackError(
      `${String(missing.length)} prompts are neither recorded nor synthesised:\n  ${missing.map(({ language, id }) => `${language}/${id}`).join('\n  ')}`,
    );
  }
  rmSync(options.out, { recursive: true, force: true });
  for (const language of PROMPT_LANGUAGES) mkdirSync(join(options.out, language), { recursive: true });
  const failures: string[] = [];
  await eachLimited(wanted, 4, async ({ language, id }) => {
    const output = join(options.out, language, `${id}${PROMPT_EXTENSION}`);
    const recording = recorded.get(`${language}/${id}`);
    try {
      if (recording) await toPackFormat(run, recording, output);
      else await synthesize(language, id, output, synthesis);
    } catch (error) {
      failures.push(`${language}/${id}: ${error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)}`);
    }
  });
  if (failures.length > 0) throw new PromptPackError(`prompts that could not be made:\n  ${failures.sort().join('\n  ')}`);
  const files = wanted.map(({ language, id }) => join(language, `${id}${PROMPT_EXTENSION}`));
  const seconds = await durations(
    run,
    files.map((file) => join(options.out, file)),
  );
  const prompts = wanted.map(({ language, id }, i): PromptEntry => ({
    id,
    language,
    file: files[i] ?? '',
    seconds: seconds[i] ?? 0,
    source: recorded.has(`${language}/${id}`) ? 'recorded' : 'espeak-ng',
  }));
  // An empty or unreadable file is as silent as a missing one.
  const silent = prompts.filter((prompt) => !(prompt.seconds > 0.05) || statSync(join(options.out, prompt.file)).size === 0);
  if (silent.length > 0) throw new PromptPackError(`silent prompts:\n  ${silent.map((prompt) => prompt.file).join('\n  ')}`);
  const manifest: PromptManifest = { prompts };
  writeFileSync(join(options.out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  if (options.cache !== undefined) keepPack(options.cache, key, options.out);
  return manifest;
}

/** The durations as a table: one line per script id, Japanese and English, then the totals. */
export function durationTable(manifest: PromptManifest): string {
  const byId = new Map<string, Partial<Record<PromptLanguage, PromptEntry>>>();
  for (const prompt of manifest.prompts) byId.set(prompt.id, { ...byId.get(prompt.id), [prompt.language]: prompt });
  const width = Math.max(...[...byId.keys()].map((id) => id.length));
  const cell = (prompt: PromptEntry | undefined): string =>
    prompt ? `${prompt.seconds.toFixed(2).padStart(6)} s${prompt.source === 'recorded' ? ' (recorded)' : ''}`.padEnd(20) : ''.padEnd(20);
  const lines = [...byId].map(([id, languages]) => `${id.padEnd(width)}  ja ${cell(languages.ja)} en ${cell(languages.en)}`.trimEnd());
  const total = (language: PromptLanguage): number =>
    manifest.prompts.filter((prompt) => prompt.language === language).reduce((sum, prompt) => sum + prompt.seconds, 0);
  const longest = manifest.prompts.reduce((a, b) => (b.seconds > a.seconds ? b : a));
  lines.push(
    `${String(byId.size)} scripts, ${String(manifest.prompts.length)} prompts; ja ${total('ja').toFixed(1)} s, en ${total('en').toFixed(1)} s in all; longest ${longest.language}/${longest.id} ${longest.seconds.toFixed(2)} s`,
  );
  return lines.join('\n');
}
