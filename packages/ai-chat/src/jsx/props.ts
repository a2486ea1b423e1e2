/**
 * `<ai-chat>` as JSX sees it, for the framework typings beside this file (`react.ts`, `preact.ts`,
 * `solid.ts`). Made from the element's class, so they follow it: every property a page may set
 * (camelCase, set as a property by React 19, Preact and Solid's `prop:`), every attribute (the same
 * names in kebab-case, strings as in HTML), every event by name.
 */
import type { LitElement } from 'lit';
import type { AiChat } from '../ai-chat.js';
import type { AiChatEventMap } from '../events.js';

type Same<X, Y> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? true : false;
/** Keys of `T` that can be written (a getter alone is read-only). */
type WritableKeys<T> = {
  [K in keyof T]-?: Same<{ [Q in K]: T[K] }, { -readonly [Q in K]: T[K] }> extends true ? K : never;
}[keyof T];
type Settable = Exclude<WritableKeys<AiChat>, keyof LitElement>;

/** The properties a page may set on `<ai-chat>` (methods and read-only ones left out). */
export type AiChatProperties = {
  [K in Settable as AiChat[K] extends (...args: never[]) => unknown ? never : K]?: AiChat[K];
};

type Kebab<S extends string> = S extends `${infer C}${infer Rest}`
  ? `${C extends Lowercase<C> ? C : `-${Lowercase<C>}`}${Kebab<Rest>}`
  : S;
type Primitive = string | number | boolean | undefined;

/** Its attributes: the properties that hold a string, number or boolean, in kebab-case. */
export type AiChatAttributes = {
  [
    K in keyof AiChatProperties as NonNullable<AiChatProperties[K]> extends Primitive
      ? Kebab<K & string>
      : never
  ]?: string | (NonNullable<AiChatProperties[K]> extends boolean ? boolean : never);
};

/** Its events by name. */
export type AiChatEvents = AiChatEventMap;

/** Event props named `on` + the event's name (`onai-chat-message`), as React 19 and Preact listen. */
export type AiChatOnEvents = { [K in keyof AiChatEvents as `on${K}`]?: (event: AiChatEvents[K]) => void };
