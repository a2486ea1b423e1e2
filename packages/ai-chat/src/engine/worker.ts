/**
 * The model worker entry: WebLLM behind our message protocol. The only module that imports
 * `@mlc-ai/web-llm`, so the page never downloads or parses it.
 */
import { createWebLLMBackend } from './worker/webllm-backend.js';
import { serveBackend } from './worker/worker-host.js';

serveBackend(self as unknown as Parameters<typeof serveBackend>[0], createWebLLMBackend());
