import 'ai-chat';
import 'demo/shared/scripted-button.js';
