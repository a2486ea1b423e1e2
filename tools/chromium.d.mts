export declare const CHROME_CANDIDATES: string[];
export declare function findChromium(env?: Record<string, string | undefined>): string | undefined;
export declare const CHROME_PATH: string;
export declare const CHROME_FLAGS: string[];
export declare const WEBGPU_FLAGS: string[];
