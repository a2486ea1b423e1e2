// Rich replies for the demo's scripted engine (and the screenshot script): Markdown, code, a
// table, a task list, so the whole look can be seen without a GPU or a download.
export const REPLIES = {
  en: [
    [
      "Here's a quick comparison of the two ways to sort an array in JavaScript:",
      '',
      '| Method | Mutates the array | Since |',
      '|---|---|---|',
      '| `Array.prototype.sort()` | yes | ES1 |',
      '| `Array.prototype.toSorted()` | no | ES2023 |',
      '',
      'Use `toSorted()` when you want to keep the original:',
      '',
      '```js',
      'const scores = [42, 7, 19];',
      'const ranked = scores.toSorted((a, b) => b - a);',
      'console.log(ranked); // [42, 19, 7]',
      '```',
      '',
      '**Tip:** both sorts are *stable* since ES2019.',
    ].join('\n'),
    [
      '## A plan for your launch',
      '',
      '- [x] Write the announcement',
      '- [x] Record a short demo',
      '- [ ] Schedule the posts',
      '- [ ] Answer the first questions',
      '',
      '> Everything here ran on your device: nothing you typed left this browser.',
      '',
      '1. Pick a quiet day',
      '2. Publish early in the morning',
      '3. Stay around for an hour to reply',
    ].join('\n'),
    [
      'A small Python function that counts words:',
      '',
      '```python',
      'from collections import Counter',
      '',
      'def top_words(text: str, n: int = 3) -> list[tuple[str, int]]:',
      '    return Counter(text.lower().split()).most_common(n)',
      '```',
      '',
      'Call it with any text, for example `top_words("to be or not to be")` returns `[("to", 2), ("be", 2), ("or", 1)]`.',
    ].join('\n'),
  ],
  'zh-Hant': [
    [
      '以下比較 JavaScript 中兩種排序陣列的方法：',
      '',
      '| 方法 | 會改變原陣列 | 版本 |',
      '|---|---|---|',
      '| `sort()` | 是 | ES1 |',
      '| `toSorted()` | 否 | ES2023 |',
      '',
      '想保留原陣列時，請用 `toSorted()`：',
      '',
      '```js',
      'const scores = [42, 7, 19];',
      'const ranked = scores.toSorted((a, b) => b - a);',
      '```',
      '',
      '**提示：** 兩者自 ES2019 起都是*穩定*排序。',
    ].join('\n'),
    [
      '## 發表計畫',
      '',
      '- [x] 撰寫公告',
      '- [x] 錄製示範影片',
      '- [ ] 排程貼文',
      '',
      '> 這一切都在您的裝置上執行。',
    ].join('\n'),
  ],
  ar: [
    [
      'إليك مقارنة سريعة بين طريقتين لترتيب مصفوفة في JavaScript:',
      '',
      '| الطريقة | تغيّر المصفوفة | منذ |',
      '|---|---|---|',
      '| `sort()` | نعم | ES1 |',
      '| `toSorted()` | لا | ES2023 |',
      '',
      '```js',
      'const ranked = [42, 7, 19].toSorted((a, b) => b - a);',
      '```',
      '',
      '- [x] كتابة الإعلان',
      '- [ ] جدولة المنشورات',
    ].join('\n'),
  ],
};

/** The replies for a language tag, in turn. */
export function repliesFor(lang) {
  const set = /^zh/i.test(lang) ? REPLIES['zh-Hant'] : /^ar/i.test(lang) ? REPLIES.ar : REPLIES.en;
  let turn = 0;
  return () => ({ text: set[turn++ % set.length], tokenDelayMs: 18, firstTokenDelayMs: 500 });
}
