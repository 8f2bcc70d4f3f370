// Values worked out on first read. A big catalog has ~2,000 add-ons of ~12 pricings each and ~400
// offers whose stock is looked up among ~2,000 records, while a table shows 20 offers: what nobody
// reads is never computed, and what is read is computed once. Reading (or serialising) gives the
// same values as computing them eagerly.

/** Sets `target[key]` to be worked out on first read, then kept as a plain value. */
export function lazily<T extends object, K extends keyof T>(target: T, key: K, compute: () => T[K]): void {
  const settle = (value: T[K]) => Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = compute();
      settle(value);
      return value;
    },
    set: settle,
  });
}
