export declare const CHROMIUM_OWN_HOSTS: string[];
export declare function proxiedHost(head: string): string;
export interface NetGuard {
  args: string[];
  proxy: string;
  firefoxPrefs: Record<string, string | number | boolean>;
  take(): string[];
  pending(): string[];
  close(): Promise<void>;
}
export declare function startNetGuard(): Promise<NetGuard>;
export declare function outsideMessage(hosts: string[]): string;
