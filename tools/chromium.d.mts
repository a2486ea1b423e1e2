export declare const CHROME_PATH: string;
export declare const CHROME_FLAGS: string[];
export declare const WEBGPU_FLAGS: string[];
