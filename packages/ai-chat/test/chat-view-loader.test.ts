import { expect } from '@open-wc/testing';
import type { ChatStatus } from '../src/types.js';
import { needsChatView } from '../src/view/chat-view-loader.js';

describe('pure: when the element needs the conversation’s chunk', () => {
  const none = { consented: false, customEngine: false, conversation: false, persist: false };
  const rows: Array<[string, Partial<typeof none>, ChatStatus, boolean]> = [
    ['nothing asked, idle', {}, 'idle', false],
    ['nothing asked, checking for the consent card', {}, 'checking', false],
    ['nothing asked, an error before consent', {}, 'error', false],
    ['consent given', { consented: true }, 'checking', true],
    ['the page’s engine', { customEngine: true }, 'idle', true],
    ['messages handed in', { conversation: true }, 'idle', true],
    ['persist set', { persist: true }, 'idle', true],
    ['a model already ready', {}, 'ready', true],
    ['a download under way', {}, 'downloading', true],
  ];
  for (const [name, given, status, wanted] of rows)
    it(`${name} → ${wanted ? 'load it' : 'not yet'}`, () => {
      expect(needsChatView({ ...none, ...given, status })).to.equal(wanted);
    });
});
