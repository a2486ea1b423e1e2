// ai-chat left out: what an npm app weighs without it (see npm-app-suite.mjs, `baseline`). Every
// name the apps import from the package, doing nothing.
export const AiChat = () => null;
export class ScriptedEngine {}
