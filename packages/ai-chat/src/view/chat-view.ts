/**
 * The conversation's half of the element, a chunk of its own: the message log and its styles, the
 * progress card, the stats line, and the controllers that serve the log (scrolling, the message
 * window, saving). A page that never gets past the consent card never downloads it; the element
 * imports it at consent, when the page hands in an engine or messages, or sets `persist` (see
 * `controllers/chat-view-controller.ts`).
 */
import { actions } from '../styles/actions.js';
import { log } from '../styles/log.js';
import { progress } from '../styles/progress.js';

export { logView } from './log.js';
export { preloadMarkdown } from '../render/markdown-directive.js';
export { progressView } from './progress.js';
export { statsView } from './stats.js';
export { MessageWindow } from '../controllers/message-window.js';
export { ScrollController } from '../controllers/scroll-controller.js';
export { PersistController } from '../controllers/persist-controller.js';

/** The styles of this half, adopted by each element's shadow root when this chunk arrives. */
export const chatStyles = [progress, log, actions];
