export declare function describeEvent(event: Event): string;
export declare function progressFilter(): (event: Event) => boolean;
