// Deterministic, realistic Markdown replies (paragraphs, lists, code blocks, tables, quotes),
// cut into the word tokens the scripted engine streams. Same seed, same reply, on every machine.
import { tokenize } from 'ai-chat/testing';

/** A small seeded PRNG (mulberry32): returns a function giving floats in [0, 1). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'the model runs in your browser so nothing you type leaves this device it streams each token ' +
  'as soon as the GPU decodes it and the page stays responsive because the work happens in a ' +
  'worker thread while the element only renders text cache weights once then start in seconds ' +
  'memory bandwidth matters more than compute for decoding quantized weights keep quality high'
).split(' ');
const CODE = [
  'const engine = await CreateMLCEngine(model, { initProgressCallback });',
  'for await (const chunk of reply) output += chunk.choices[0]?.delta.content ?? "";',
  'if (!navigator.gpu) throw new Error("WebGPU is not available");',
  'const adapter = await navigator.gpu.requestAdapter();',
  'element.addEventListener("ai-chat-stats", (e) => console.log(e.tokensPerSecond));',
  'return tokens.map((t, i) => ({ index: i, text: t.trim() }));',
];

function sentence(rand, min = 6, max = 16) {
  const n = min + Math.floor(rand() * (max - min));
  const words = Array.from({ length: n }, () => WORDS[Math.floor(rand() * WORDS.length)]);
  if (rand() < 0.25) words[Math.floor(rand() * n)] = `**${words[Math.floor(rand() * n)]}**`;
  if (rand() < 0.2) words[Math.floor(rand() * n)] = `\`${words[Math.floor(rand() * n)]}\``;
  const text = words.join(' ');
  return text[0].toUpperCase() + text.slice(1) + '.';
}

const paragraph = (rand) =>
  Array.from({ length: 2 + Math.floor(rand() * 3) }, () => sentence(rand)).join(' ');
const list = (rand, ordered) =>
  Array.from(
    { length: 3 + Math.floor(rand() * 3) },
    (_, i) => `${ordered ? `${i + 1}.` : '-'} ${sentence(rand, 4, 10)}`,
  ).join('\n');
const code = (rand) =>
  '```js\n' +
  Array.from({ length: 3 + Math.floor(rand() * 4) }, () => CODE[Math.floor(rand() * CODE.length)]).join(
    '\n',
  ) +
  '\n```';
function table(rand) {
  const rows = Array.from({ length: 3 + Math.floor(rand() * 3) }, (_, i) => {
    const ms = (10 + rand() * 40).toFixed(1);
    return `| model-${i + 1} | ${(0.5 + rand() * 3).toFixed(1)} GB | ${ms} ms | ${(1000 / Number(ms)).toFixed(1)} |`;
  });
  return ['| Model | Download | Per token | Tokens/s |', '| --- | ---: | ---: | ---: |', ...rows].join('\n');
}
const heading = (rand) => `## ${sentence(rand, 2, 5).slice(0, -1)}`;
const quote = (rand) => `> ${sentence(rand)}`;

const BLOCKS = [heading, paragraph, list, paragraph, code, paragraph, table, quote];

/** Markdown text of at least `tokens` word tokens, from `seed`. */
export function markdownReply(tokens, seed = 1) {
  const rand = prng(seed);
  const blocks = [];
  let count = 0;
  for (let i = 0; count < tokens; i++) {
    const make = BLOCKS[i % BLOCKS.length];
    const block = make === list ? list(rand, rand() < 0.5) : make(rand);
    blocks.push(block);
    count += tokenize(`${block}\n\n`).length;
  }
  return blocks.join('\n\n');
}

/**
 * Split word tokens into pieces of at most `size` characters (leading whitespace kept on the first
 * piece), like the sub-word tokens of real tokenizers: about 4 characters of English per token.
 */
export function subwords(words, size = 4) {
  const out = [];
  for (const word of words) {
    const [, space, rest] = /^(\s*)(.*)$/s.exec(word);
    if (!rest) {
      out.push(word);
      continue;
    }
    for (let i = 0; i < rest.length; i += size) out.push((i === 0 ? space : '') + rest.slice(i, i + size));
  }
  return out;
}

/** Exactly `count` sub-word tokens of a Markdown reply (the stream of one reply). */
export function replyTokens(count, seed = 1) {
  return subwords(tokenize(markdownReply(count, seed))).slice(0, count);
}
