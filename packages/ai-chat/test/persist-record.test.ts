import { expect } from '@open-wc/testing';
import { mergeMessages, readRecord, type StoredMessage } from '../src/persist/record.js';

const m = (id: string, content = id): StoredMessage => ({ id, role: 'user', content });

describe('pure: readRecord (saved conversations read strictly)', () => {
  const table: Array<[string, unknown, 'none' | 'ok' | 'unreadable']> = [
    ['nothing stored', undefined, 'none'],
    ['a version 1 record', { version: 1, messages: [m('a')], savedAt: 1 }, 'ok'],
    [
      'a record from before ids (no version)',
      { messages: [{ role: 'user', content: 'x' }], savedAt: 1 },
      'ok',
    ],
    ['a future version', { version: 2, messages: [], savedAt: 1 }, 'unreadable'],
    ['parts instead of content', { messages: [{ role: 'user', parts: [] }] }, 'unreadable'],
    ['an unknown role', { messages: [{ role: 'tool', content: 'x' }] }, 'unreadable'],
    [
      'a version 1 message without id',
      { version: 1, messages: [{ role: 'user', content: 'x' }] },
      'unreadable',
    ],
    ['a repeated id', { version: 1, messages: [m('a'), m('a')] }, 'unreadable'],
    ['a string', 'garbage', 'unreadable'],
    ['null', null, 'unreadable'],
    ['messages not a list', { messages: 'x' }, 'unreadable'],
    [
      'a non-boolean interrupted',
      { messages: [{ role: 'user', content: 'x', interrupted: 'yes' }] },
      'unreadable',
    ],
  ];
  for (const [name, raw, expected] of table)
    it(name, () => {
      const read = readRecord(raw);
      expect(read === undefined ? 'none' : 'unreadable' in read ? 'unreadable' : 'ok').to.equal(expected);
    });

  it('a record from before ids gets ids from places, the same in every tab', () => {
    const raw = {
      messages: [
        { role: 'user', content: 'x' },
        { role: 'assistant', content: 'y' },
      ],
    };
    expect(readRecord(raw)).to.deep.equal(readRecord(structuredClone(raw)));
    expect((readRecord(raw) as { messages: StoredMessage[] }).messages.map((x) => x.id)).to.deep.equal([
      'legacy-0',
      'legacy-1',
    ]);
  });
});

describe('pure: mergeMessages (two writers, one key)', () => {
  const ids = (list: StoredMessage[]) => list.map((x) => `${x.id}:${x.content}`);
  it("keeps the other writer's turns and adds mine after them", () => {
    const stored = [m('a'), m('b1'), m('r1')];
    const mine = [m('a'), m('b2'), m('r2')];
    expect(ids(mergeMessages(stored, mine, new Set(['a', 'b2', 'r2']), new Set(['b2', 'r2'])))).to.deep.equal(
      ['a:a', 'b1:b1', 'r1:r1', 'b2:b2', 'r2:r2'],
    );
  });
  it('removes what I knew and removed (a regenerated reply)', () => {
    const merged = mergeMessages(
      [m('a'), m('old')],
      [m('a'), m('new')],
      new Set(['a', 'old', 'new']),
      new Set(['new']),
    );
    expect(ids(merged)).to.deep.equal(['a:a', 'new:new']);
  });
  it('does not bring back what another writer removed (a reset)', () => {
    expect(ids(mergeMessages([], [m('a'), m('n')], new Set(['a', 'n']), new Set(['n'])))).to.deep.equal([
      'n:n',
    ]);
  });
  it('my text wins only for my own messages (a draft that grew elsewhere is kept)', () => {
    const merged = mergeMessages(
      [m('d', 'long draft'), m('x', 'x')],
      [m('d', 'short'), m('x', 'mine')],
      new Set(['d', 'x']),
      new Set(['x']),
    );
    expect(ids(merged)).to.deep.equal(['d:long draft', 'x:mine']);
  });
});
