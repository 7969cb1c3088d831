// A few DOM helpers: the pages are plain TypeScript, without a framework.

type Child = Node | string | number | null | undefined | false;
type Attributes = Record<string, string | number | boolean | undefined | ((event: Event) => void)>;

/** Creates an element; `on*` attributes become listeners, `false`/`undefined` ones are left out. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else if (value !== false && value !== undefined) {
      element.setAttribute(name, String(value));
    }
  }

  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child !== null && child !== undefined && child !== false) {
      parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
    }
  }
}

/** Replaces what an element shows. */
export function show(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

const numbers = new Intl.NumberFormat('en-IN');

/** Points and counts in the Indian grouping the network reads (1,00,000). */
export function points(value: number): string {
  return numbers.format(value);
}

export function percent(share: number | undefined): string {
  return share === undefined || share === null ? '—' : `${Math.round(share * 100)}%`;
}

export function decimal(value: number | undefined): string {
  return value === undefined || value === null ? '—' : value.toFixed(1);
}

/** Calls `tick` now and then every `ms` until the returned function is called; a slow tick is never overlapped. */
export function every(ms: number, tick: () => Promise<void>): () => void {
  let stopped = false;
  let timer: number | undefined;
  const run = async (): Promise<void> => {
    await tick();
    if (!stopped) {
      timer = window.setTimeout(run, ms);
    }
  };
  void run();
  return () => {
    stopped = true;
    window.clearTimeout(timer);
  };
}
