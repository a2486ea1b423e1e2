import { expect } from '@open-wc/testing';
import { en } from '../src/i18n/en.js';
import { errorText } from '../src/i18n/error-text.js';
import { chatError, toChatError } from '../src/errors.js';
import type { ErrorCode } from '../src/types.js';

describe('pure: toChatError maps WebLLM errors by name and text', () => {
  const table: Array<[{ name: string; message: string }, string]> = [
    [
      { name: 'WebGPUNotAvailableError', message: 'WebGPU is not supported in your current environment' },
      'webgpu-unavailable',
    ],
    [
      { name: 'ShaderF16SupportError', message: 'This model requires WebGPU extension shader-f16' },
      'shader-f16-unsupported',
    ],
    [
      { name: 'ModelNotFoundError', message: 'Cannot find model record in appConfig for x' },
      'model-not-found',
    ],
    [
      { name: 'DeviceLostError', message: 'The WebGPU device was lost while loading the model.' },
      'device-lost',
    ],
    [
      { name: 'ContextWindowSizeExceededError', message: 'Prompt tokens exceed context window size' },
      'context-window-exceeded',
    ],
    [{ name: 'QuotaExceededError', message: 'quota' }, 'quota-exceeded'],
    [{ name: 'TypeError', message: 'Failed to fetch' }, 'network'],
    [
      { name: 'CompileError', message: 'WebAssembly.instantiate(): expected magic word 00 61 73 6d' },
      'engine',
    ],
    [{ name: 'Error', message: 'something odd\n    at foo (worker.js:1:2)' }, 'engine'],
  ];
  for (const [error, code] of table) {
    it(`${error.name} → ${code}, in plain words`, () => {
      const chat = toChatError(error, 'x');
      expect(chat.code).to.equal(code);
      // The page author's message keeps the runtime's own words (first line, no stack) ...
      expect(chat.message).to.contain(error.message.split('\n')[0]);
      expect(chat.message).not.to.match(/\bat \S+ \(/);
      // ... the visitor's words never do.
      expect(errorText(chat, en)).not.to.match(/Error|WebAssembly|magic|undefined|\{detail\}|\bat \S+ \(/);
    });
  }
});

describe('pure: which errors are recoverable', () => {
  it('recoverable is true only where trying the same thing again can succeed', () => {
    const expected: Record<ErrorCode, boolean> = {
      'webgpu-unavailable': false,
      'shader-f16-unsupported': false,
      'model-too-large': false,
      'insufficient-memory': false,
      'model-not-found': false,
      'invalid-attribute': false,
      network: true,
      'quota-exceeded': false,
      'device-lost': true,
      'context-window-exceeded': false,
      aborted: true,
      storage: false,
      engine: true,
    };
    for (const [code, recoverable] of Object.entries(expected))
      expect(chatError(code as ErrorCode).recoverable, code).to.equal(recoverable);
    const library = toChatError({
      name: 'ModelLibraryError',
      message: 'LinkError: import "env" "f" missing',
    });
    expect([library.code, library.recoverable]).to.deep.equal(['engine', false]);
    expect(library.message).to.contain('LinkError: import "env" "f" missing');
  });
});

describe('pure: load and network failures named at the source, each with its truth and words', () => {
  const table: Array<[string, ErrorCode, boolean, string]> = [
    ['ContentSecurityPolicyError', 'engine', false, en.errorBlocked],
    ['CorsError', 'network', false, en.errorBlocked],
    ['ModelFilesInvalidError', 'model-not-found', false, en.errorModelNotFound],
    ['ModelIndexInvalidError', 'model-not-found', false, en.errorModelNotFound],
    ['ModelFileChangedError', 'network', true, en.errorNetwork],
    ['ModelFilesNotFoundError', 'model-not-found', false, en.errorModelNotFound],
    ['NetworkError', 'network', true, en.errorNetwork],
  ];
  for (const [name, code, recoverable, words] of table)
    it(`${name} → ${code}, recoverable ${recoverable}, in the visitor's words`, () => {
      const chat = toChatError({ name, message: 'x.gguf: what happened', detail: 'x.gguf: what happened' });
      expect([chat.code, chat.recoverable]).to.deep.equal([code, recoverable]);
      expect(errorText(chat, en)).to.equal(words);
      expect(chat.message).to.contain('what happened');
    });

  it('words of its own fall back to its code’s where a language or a page has none', () => {
    const chat = toChatError({ name: 'CorsError', message: 'no CORS' });
    expect(errorText(chat, { errorNetwork: 'Réseau.' })).to.equal('Réseau.');
  });
});
