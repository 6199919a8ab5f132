/** A port nothing listened on just now, outside the kernel's ephemeral range (see free-port.cjs). */
export function freePort(): Promise<number>;
